using System.Text;
using Triage.Hosting.Customers;

namespace Triage.Core.Tests.Policies;

public sealed class CustomerFileTests
{
    private const string Csv = """"
        # account list exported 2026-11-01
        match,account_id,name,plan,priority_support
        kaffebaren.se,A-1001,Kaffebaren AB,standard,false
        ekonomi@kaffebaren.se,A-2002,"Kaffebaren, ekonomi",premium,yes

        @café-åre.se,A-3003,"Café ""Åre""",standard,
        """";

    private const string Json = """
        {
          // exported 2026-11-01
          "customers": [
            { "account_id": "A-1001", "name": "Kaffebaren AB", "plan": "standard", "domains": ["kaffebaren.se"] },
            { "account_id": "A-2002", "name": "Kaffebaren, ekonomi", "plan": "premium", "priority_support": true,
              "addresses": ["ekonomi@kaffebaren.se", "kassa@kaffebaren.se"], },
          ]
        }
        """;

    [Fact]
    public void ParseCsv_ValidFile_QuotedFieldsAndFlagsRead()
    {
        var entries = CustomerFile.ParseCsv(Csv, "customers.csv");

        Assert.Equal(["kaffebaren.se", "ekonomi@kaffebaren.se", "@café-åre.se"], entries.Select(e => e.Match));
        Assert.Equal("Kaffebaren, ekonomi", entries[1].Account.Name);
        Assert.True(entries[1].Account.PrioritySupport);
        Assert.Equal("Café \"Åre\"", entries[2].Account.Name);
        Assert.False(entries[2].Account.PrioritySupport);
        Assert.Equal("customers.csv line 6", entries[2].Source);
    }

    [Fact]
    public void ParseJson_ValidFile_OneEntryPerAddressAndDomain()
    {
        var entries = CustomerFile.ParseJson(Encoding.UTF8.GetBytes(Json), "customers.json");

        Assert.Equal(["kaffebaren.se", "ekonomi@kaffebaren.se", "kassa@kaffebaren.se"], entries.Select(e => e.Match));
        Assert.Equal(["A-1001", "A-2002", "A-2002"], entries.Select(e => e.Account.AccountId));
        Assert.True(entries[2].Account.PrioritySupport);
        Assert.Equal("customers.json line 5", entries[1].Source);
    }

    [Theory]
    [InlineData("match,account_id\nkaffebaren.se,A-1", "customers.csv line 1: the header lacks name.")]
    [InlineData("match,account_id,name,owner\n", "customers.csv line 1: unknown column 'owner'")]
    [InlineData("match,account_id,name\nkaffebaren.se,A-1", "customers.csv line 2: 2 fields, but the header has 3.")]
    [InlineData("match,account_id,name,priority_support\n\nkaffebaren.se,A-1,Kaffebaren,kanske", "customers.csv line 3: priority_support 'kanske'")]
    [InlineData("match,account_id,name\nkaffebaren.se,A-1,\"Kaffebaren", "customers.csv line 2: a quoted field is not closed")]
    [InlineData("match,account_id,name\nkaffebaren.se,,Kaffebaren", "customers.csv line 2: account_id is empty.")]
    [InlineData("# nothing\n", "customers.csv: no header row")]
    public void ParseCsv_BadFile_ErrorNamesFileAndLine(string csv, string expected)
    {
        var e = Assert.Throws<CustomerDataException>(() => CustomerFile.ParseCsv(csv, "customers.csv"));

        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"customers\": [\n{\"account_id\": \"A-1\",\n\"name\": }]}", "customers.json line 2: in this customer, ")]
    [InlineData("{\"customers\": [\n {\"name\": \"Kaffebaren\", \"domains\": [\"kaffebaren.se\"]}]}", "customers.json line 2: account_id is empty.")]
    [InlineData("{\"customers\": [\n\n {\"account_id\": \"A-1\", \"name\": \"Kaffebaren\"}]}", "customers.json line 3: account A-1 lists no addresses or domains.")]
    [InlineData("{\"customers\": [\n {\"account_id\": \"A-1\", \"name\": \"K\", \"domain\": [\"kaffebaren.se\"]}]}", "customers.json line 2: in this customer, ")]
    [InlineData("{\"customers\": {}}", "customers.json line 1: \"customers\" must be an array.")]
    [InlineData("[]", "customers.json line 1: expected an object")]
    [InlineData("{\"accounts\": []}", "customers.json: no \"customers\" array.")]
    public void ParseJson_BadFile_ErrorNamesFileAndLine(string json, string expected)
    {
        var e = Assert.Throws<CustomerDataException>(() => CustomerFile.ParseJson(Encoding.UTF8.GetBytes(json), "customers.json"));

        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CsvFile_FindsAccounts()
    {
        var path = WriteTemp("customers.csv", Csv);

        var directory = CustomerFile.Load(path);

        Assert.Equal("A-2002", directory.Find("Ekonomi@Kaffebaren.se")?.AccountId);
        Assert.Equal("A-1001", directory.Find("anna@kaffebaren.se")?.AccountId);
        Assert.Equal("A-3003", directory.Find("bo@xn--caf-re-lua4a.se")?.AccountId);
    }

    [Fact]
    public void Load_AddressListedTwice_ErrorNamesBothLines()
    {
        var path = WriteTemp("customers.csv", "match,account_id,name\nanna@kaffebaren.se,A-1,Kaffebaren\nkaffebaren.se,A-1,Kaffebaren\nANNA@kaffebaren.se,A-2,Annan\n");

        var e = Assert.Throws<CustomerDataException>(() => CustomerFile.Load(path));

        Assert.Equal($"{path} line 4: 'ANNA@kaffebaren.se' is already listed ({path} line 2, account A-1).", e.Message);
    }

    [Fact]
    public void Load_BadDomainInJson_ErrorNamesFileAndLine()
    {
        var path = WriteTemp("customers.json", "{\"customers\": [\n {\"account_id\": \"A-1\", \"name\": \"K\", \"domains\": [\"kaffebaren\"]}]}");

        var e = Assert.Throws<CustomerDataException>(() => CustomerFile.Load(path));

        Assert.Equal($"{path} line 2: 'kaffebaren' is not a domain such as kaffebaren.se.", e.Message);
    }

    [Theory]
    [InlineData("customers.txt", "must end in .csv or .json")]
    [InlineData("missing.csv", "cannot be read")]
    public void Load_WrongExtensionOrMissingFile_ErrorNamesFile(string name, string expected)
    {
        var path = Path.Combine(Path.GetTempPath(), "triage-customers-" + Guid.NewGuid().ToString("N"), name);

        var e = Assert.Throws<CustomerDataException>(() => CustomerFile.Load(path));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    private static string WriteTemp(string name, string content)
    {
        var folder = Directory.CreateTempSubdirectory("triage-customers-");
        var path = Path.Combine(folder.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }
}
