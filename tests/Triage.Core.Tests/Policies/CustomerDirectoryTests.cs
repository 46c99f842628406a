using Triage.Core.Policies;

namespace Triage.Core.Tests.Policies;

public sealed class CustomerDirectoryTests
{
    private static readonly CustomerAccount Kaffebaren = new("A-1001", "Kaffebaren AB", "standard", false);
    private static readonly CustomerAccount Ekonomi = new("A-2002", "Kaffebaren ekonomi", "premium", true);
    private static readonly CustomerAccount Cafe = new("A-3003", "Café Åre", "standard", false);

    private static readonly CustomerDirectory Directory = CustomerDirectory.Create(
    [
        new("kaffebaren.se", Kaffebaren, "test line 1"),
        new("Ekonomi@Kaffebaren.se", Ekonomi, "test line 2"),
        new("@café-åre.se", Cafe, "test line 3"),
    ]);

    [Theory]
    [InlineData("anna@kaffebaren.se", "A-1001")]      // domain
    [InlineData("ANNA@KAFFEBAREN.SE", "A-1001")]      // case-insensitive
    [InlineData("ekonomi@kaffebaren.se", "A-2002")]   // exact address wins over its domain
    [InlineData(" EKONOMI@kaffebaren.se. ", "A-2002")] // spaces and a root dot
    [InlineData("bo@café-åre.se", "A-3003")]          // IDN as written
    [InlineData("bo@CAFÉ-ÅRE.SE", "A-3003")]
    [InlineData("bo@xn--caf-re-lua4a.se", "A-3003")]  // the same domain in punycode
    [InlineData("anna@kassa.kaffebaren.se", null)]    // a subdomain is another domain
    [InlineData("anna@kaffebaren.no", null)]
    [InlineData("kaffebaren.se", null)]               // no address
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Find_Address_GivesAccount(string? address, string? expected)
    {
        Assert.Equal(expected, Directory.Find(address)?.AccountId);
    }

    [Fact]
    public void Create_SameAddressTwiceInAnotherCase_ThrowsNamingBothSources()
    {
        var e = Assert.Throws<ArgumentException>(() => CustomerDirectory.Create(
        [
            new("anna@kaffebaren.se", Kaffebaren, "customers.csv line 2"),
            new("ANNA@kaffebaren.se", Ekonomi, "customers.csv line 7"),
        ]));

        Assert.Contains("customers.csv line 7", e.Message, StringComparison.Ordinal);
        Assert.Contains("customers.csv line 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_DomainInUnicodeAndPunycode_IsListedTwice()
    {
        Assert.Throws<ArgumentException>(() => CustomerDirectory.Create(
        [
            new("café-åre.se", Cafe, "a"),
            new("xn--caf-re-lua4a.se", Kaffebaren, "b"),
        ]));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("kaffebaren", "not a domain")]
    [InlineData("@", "not a domain")]
    [InlineData("anna @kaffebaren.se", "not an address")]
    [InlineData("anna@kaffe baren.se", "not an address")]
    public void Create_BadMatch_ThrowsNamingSource(string match, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => CustomerDirectory.Create([new(match, Kaffebaren, "customers.json line 4")]));

        Assert.StartsWith("customers.json line 4: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }
}
