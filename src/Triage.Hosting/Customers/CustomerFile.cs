using System.Globalization;
using System.Text;
using System.Text.Json;
using Triage.Core.Policies;

namespace Triage.Hosting.Customers;

/// <summary>A customer file that cannot be used, with the file, the line and what is wrong.</summary>
public sealed class CustomerDataException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads the customer directory from a CSV or JSON file (chosen by extension). CSV: a header row naming the columns
/// <c>match</c>, <c>account_id</c>, <c>name</c>, and optionally <c>plan</c> and <c>priority_support</c> (any order),
/// then one address or domain per row; RFC 4180 quoting, blank lines and <c>#</c> comment lines allowed. JSON:
/// <c>{"customers": [{"account_id", "name", "plan", "priority_support", "addresses": [], "domains": []}]}</c>,
/// comments and trailing commas allowed. Every error names the file and line.
/// </summary>
public static class CustomerFile
{
    private static readonly string[] RequiredColumns = ["match", "account_id", "name"];

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The directory in <paramref name="path"/> (<c>.csv</c> or <c>.json</c>); throws <see cref="CustomerDataException"/>.</summary>
    public static CustomerDirectory Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".csv" or ".json"))
        {
            throw new CustomerDataException($"Customer file '{path}' must end in .csv or .json.");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CustomerDataException($"Customer file '{path}' cannot be read: {e.Message}", e);
        }

        var entries = extension == ".csv" ? ParseCsv(Encoding.UTF8.GetString(bytes), path) : ParseJson(bytes, path);
        try
        {
            return CustomerDirectory.Create(entries);
        }
        catch (ArgumentException e)
        {
            throw new CustomerDataException(e.Message, e);
        }
    }

    /// <summary>The entries of a CSV text; <paramref name="source"/> names the file in errors.</summary>
    public static IReadOnlyList<CustomerEntry> ParseCsv(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<CustomerEntry>();
        Dictionary<string, int>? columns = null;
        var lines = text.TrimStart('\uFEFF').ReplaceLineEndings("\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var where = $"{source} line {i + 1}";
            if (string.IsNullOrWhiteSpace(lines[i]) || lines[i].TrimStart().StartsWith('#'))
            {
                continue;
            }

            var fields = SplitCsvLine(lines[i], where);
            if (columns is null)
            {
                columns = HeaderColumns(fields, where);
                continue;
            }

            if (fields.Count != columns.Count)
            {
                throw new CustomerDataException($"{where}: {fields.Count} fields, but the header has {columns.Count}.");
            }

            string Field(string name) => columns.TryGetValue(name, out var index) ? fields[index] : "";
            var account = Account(Field("account_id"), Field("name"), Field("plan"), ParseFlag(Field("priority_support"), where), where);
            entries.Add(new CustomerEntry(Field("match"), account, where));
        }

        return columns is null ? throw new CustomerDataException($"{source}: no header row (expected {string.Join(",", RequiredColumns)},plan,priority_support).") : entries;
    }

    /// <summary>The entries of a JSON document; <paramref name="source"/> names the file in errors.</summary>
    public static IReadOnlyList<CustomerEntry> ParseJson(ReadOnlySpan<byte> json, string source)
    {
        var entries = new List<CustomerEntry>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new CustomerDataException($"{source} line 1: expected an object {{\"customers\": [...]}}.");
            }

            var sawCustomers = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!reader.ValueTextEquals("customers"u8))
                {
                    reader.Read();
                    reader.Skip();
                    continue;
                }

                sawCustomers = true;
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                {
                    throw new CustomerDataException($"{source} line {LineAt(json, reader.TokenStartIndex)}: \"customers\" must be an array.");
                }

                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var where = $"{source} line {LineAt(json, reader.TokenStartIndex)}";
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw new CustomerDataException($"{where}: each customer must be an object.");
                    }

                    var customer = ReadCustomer(ref reader, where);
                    var account = Account(customer.AccountId, customer.Name, customer.Plan, customer.PrioritySupport, where);
                    var matches = customer.Addresses.Concat(customer.Domains).ToList();
                    if (matches.Count == 0)
                    {
                        throw new CustomerDataException($"{where}: account {account.AccountId} lists no addresses or domains.");
                    }

                    entries.AddRange(matches.Select(m => new CustomerEntry(m, account, where)));
                }
            }

            return sawCustomers ? entries : throw new CustomerDataException($"{source}: no \"customers\" array.");
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is { } number ? $" line {number + 1}" : "";
            throw new CustomerDataException($"{source}{line}: {e.Message}", e);
        }
    }

    /// <summary>One customer object; the serializer counts lines from the object's start, so errors name that line.</summary>
    private static CustomerJson ReadCustomer(ref Utf8JsonReader reader, string where)
    {
        try
        {
            return JsonSerializer.Deserialize<CustomerJson>(ref reader, JsonOptions)!;
        }
        catch (JsonException e)
        {
            throw new CustomerDataException($"{where}: in this customer, {e.Message}", e);
        }
    }

    private static CustomerAccount Account(string? accountId, string? name, string? plan, bool prioritySupport, string where)
    {
        if (string.IsNullOrWhiteSpace(accountId))
        {
            throw new CustomerDataException($"{where}: account_id is empty.");
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            throw new CustomerDataException($"{where}: name is empty (account {accountId.Trim()}).");
        }

        return new CustomerAccount(accountId.Trim(), name.Trim(), plan?.Trim() ?? "", prioritySupport);
    }

    private static Dictionary<string, int> HeaderColumns(List<string> fields, string where)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (field, index) in fields.Select((f, i) => (f.Trim().ToLowerInvariant(), i)))
        {
            if (field is not ("match" or "account_id" or "name" or "plan" or "priority_support"))
            {
                throw new CustomerDataException($"{where}: unknown column '{field}' (columns: match, account_id, name, plan, priority_support).");
            }

            if (!columns.TryAdd(field, index))
            {
                throw new CustomerDataException($"{where}: column '{field}' appears twice.");
            }
        }

        var missing = RequiredColumns.Where(c => !columns.ContainsKey(c)).ToList();
        return missing.Count == 0 ? columns : throw new CustomerDataException($"{where}: the header lacks {string.Join(", ", missing)}.");
    }

    private static bool ParseFlag(string value, string where) => value.Trim().ToLowerInvariant() switch
    {
        "" or "false" or "no" or "0" => false,
        "true" or "yes" or "1" => true,
        _ => throw new CustomerDataException($"{where}: priority_support '{value}' is not true or false."),
    };

    /// <summary>One CSV record on one line: fields split by commas, double quotes around a field, "" inside for a quote.</summary>
    private static List<string> SplitCsvLine(string line, string where)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        int i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        throw new CustomerDataException($"{where}: a quoted field is not closed (fields cannot span lines).");
                    }

                    if (line[i] == '"' && i + 1 < line.Length && line[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                    }
                    else if (line[i] == '"')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        field.Append(line[i++]);
                    }
                }

                if (i < line.Length && line[i] != ',')
                {
                    throw new CustomerDataException($"{where}: text after a closing quote at column {(i + 1).ToString(CultureInfo.InvariantCulture)}.");
                }
            }
            else
            {
                var comma = line.IndexOf(',', i);
                var end = comma < 0 ? line.Length : comma;
                field.Append(line, i, end - i);
                i = end;
            }

            fields.Add(field.ToString());
            field.Clear();
            if (i >= line.Length)
            {
                return fields;
            }

            i++; // the comma
        }
    }

    private static int LineAt(ReadOnlySpan<byte> json, long offset) => json[..(int)offset].Count((byte)'\n') + 1;

    private sealed record CustomerJson
    {
        public string? AccountId { get; init; }

        public string? Name { get; init; }

        public string? Plan { get; init; }

        public bool PrioritySupport { get; init; }

        public IReadOnlyList<string> Addresses { get; init; } = [];

        public IReadOnlyList<string> Domains { get; init; } = [];
    }
}
