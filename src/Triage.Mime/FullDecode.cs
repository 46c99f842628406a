namespace Triage.Mime;

/// <summary>Counts from one full decode, so a throughput run can show that the same work was done as its peers.</summary>
public readonly record struct DecodeTotals(long HeaderChars, long TextChars, long NonTextLeaves, long DecodedBytes)
{
    public static DecodeTotals operator +(DecodeTotals a, DecodeTotals b) =>
        new(a.HeaderChars + b.HeaderChars, a.TextChars + b.TextChars, a.NonTextLeaves + b.NonTextLeaves, a.DecodedBytes + b.DecodedBytes);
}

/// <summary>
/// What a ticket pipeline reads from every message: subject and sender decoded, every text leaf to a string, every
/// other leaf transfer-decoded. The workload of <c>triage bench parse</c>, the benchmarks and the robustness tests,
/// and the same work as <c>parse_py.py --mode full</c>.
/// </summary>
public static class FullDecode
{
    public static DecodeTotals Run(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        long headerChars = message.Subject?.Length ?? 0;
        foreach (var address in message.From)
        {
            headerChars += (address.Name?.Length ?? 0) + address.Address.Length;
        }

        long textChars = 0, leaves = 0, decoded = 0;
        foreach (var part in message.Walk())
        {
            if (part.IsMultipart || part.EmbeddedMessage is not null)
            {
                continue;
            }

            if (part.ContentType.MediaType == "text")
            {
                textChars += part.GetText().Length;
            }
            else
            {
                leaves++;
                decoded += part.DecodedLength;
            }
        }

        return new DecodeTotals(headerChars, textChars, leaves, decoded);
    }
}
