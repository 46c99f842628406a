using System.Text.RegularExpressions;

namespace Triage.Hosting.Acknowledgements;

/// <summary>
/// One language's acknowledgement: a subject line, a body and the optional blocks (<c>oncall_block</c>…) the body's
/// block placeholders are filled with, placeholders still in.
/// </summary>
public sealed record AcknowledgementTemplate(string Language, string Subject, string Body)
{
    public IReadOnlyDictionary<string, string> Blocks { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}

/// <summary>
/// The acknowledgement templates the admin can edit: one <c>ack.&lt;language&gt;.txt</c> per language (sv, nb, da,
/// fi, nl, de, en are shipped), a first line <c>Subject: …</c>, an empty line, then the body. Placeholders:
/// <c>{ticket_number}</c> (required in the subject, so replies thread back), <c>{customer_name}</c>, <c>{subject}</c>,
/// and the blocks <c>{oncall_block}</c>, <c>{incident_block}</c>, <c>{questions_block}</c>, <c>{selfhelp_block}</c>,
/// which are empty unless they apply. A block's text follows the body under a line <c>[oncall_block]</c>…; inside it
/// <c>{oncall_phone}</c>, <c>{incident}</c>, <c>{questions}</c> and <c>{articles}</c> are filled. A language without a
/// block uses English's. A template with an unknown placeholder or block fails at load, so a typo is found at start,
/// not by a customer.
/// </summary>
public sealed partial class AcknowledgementTemplates
{
    public const string Fallback = "en";

    /// <summary>The blocks a body may place; each renders empty when it does not apply.</summary>
    public static readonly IReadOnlyList<string> BlockNames = ["oncall_block", "incident_block", "questions_block", "selfhelp_block"];

    private static readonly HashSet<string> Placeholders = new(
        ["ticket_number", "customer_name", "subject", .. BlockNames, "oncall_phone", "incident", "questions", "articles"],
        StringComparer.Ordinal);

    private readonly Dictionary<string, AcknowledgementTemplate> _byLanguage;

    private AcknowledgementTemplates(Dictionary<string, AcknowledgementTemplate> byLanguage) => _byLanguage = byLanguage;

    public IReadOnlyCollection<string> Languages => _byLanguage.Keys;

    /// <summary>Loads every <c>ack.*.txt</c> of <paramref name="folder"/>; throws <see cref="InvalidDataException"/> naming the file at fault.</summary>
    public static AcknowledgementTemplates Load(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new InvalidDataException($"The acknowledgement templates folder {folder} does not exist (Triage:Acknowledgements:TemplatesDirectory).");
        }

        var templates = new Dictionary<string, AcknowledgementTemplate>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Directory.EnumerateFiles(folder, "ack.*.txt"))
        {
            var language = Path.GetFileNameWithoutExtension(file)["ack.".Length..];
            templates[language] = Parse(language, File.ReadAllText(file), file);
        }

        return templates.ContainsKey(Fallback)
            ? new AcknowledgementTemplates(templates)
            : throw new InvalidDataException($"{folder} has no ack.{Fallback}.txt, the template used for every other language.");
    }

    /// <summary>Reads one template's text; <paramref name="source"/> names it in errors.</summary>
    public static AcknowledgementTemplate Parse(string language, string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.ReplaceLineEndings("\n");
        var end = lines.IndexOf('\n', StringComparison.Ordinal);
        var first = end < 0 ? lines : lines[..end];
        if (!first.StartsWith("Subject:", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"{source}: the first line must be 'Subject: …'.");
        }

        var subject = first["Subject:".Length..].Trim();
        var rest = end < 0 ? string.Empty : lines[(end + 1)..].TrimStart('\n');
        var headers = BlockHeader().Matches(rest);
        var body = headers.Count == 0 ? rest : rest[..headers[0].Index].TrimEnd('\n') + "\n";
        var blocks = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Count; i++)
        {
            var name = headers[i].Groups[1].Value;
            if (!BlockNames.Contains(name) || blocks.ContainsKey(name))
            {
                throw new InvalidDataException($"{source}: [{name}] is not a block or is given twice (blocks: {string.Join(", ", BlockNames)}).");
            }

            var from = headers[i].Index + headers[i].Length;
            var to = i + 1 < headers.Count ? headers[i + 1].Index : rest.Length;
            blocks[name] = rest[from..to].Trim('\n');
        }

        if (!subject.Contains("{ticket_number}", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{source}: the subject must contain {{ticket_number}}, so replies find their ticket.");
        }

        foreach (Match match in Placeholder().Matches(subject + "\n" + rest))
        {
            if (!Placeholders.Contains(match.Groups[1].Value))
            {
                throw new InvalidDataException($"{source}: unknown placeholder {match.Value} (use {string.Join(", ", Placeholders.Order(StringComparer.Ordinal).Select(p => "{" + p + "}"))}).");
            }
        }

        return new AcknowledgementTemplate(language, subject, body) { Blocks = blocks };
    }

    /// <summary>The template for a language code, else English.</summary>
    public AcknowledgementTemplate For(string? language) =>
        language is not null && _byLanguage.TryGetValue(language, out var template) ? template : _byLanguage[Fallback];

    /// <summary>A block's text in a language, else English's; empty when neither has it.</summary>
    public string Block(string? language, string name) =>
        For(language).Blocks.TryGetValue(name, out var text) || _byLanguage[Fallback].Blocks.TryGetValue(name, out text) ? text : string.Empty;

    /// <summary>Fills the placeholders in one pass, so a value that itself looks like a placeholder stays as it is.</summary>
    public static string Fill(string text, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Placeholder().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);
    }

    [GeneratedRegex(@"^\[([a-z_]+)\][ \t]*$", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex BlockHeader();

    [GeneratedRegex(@"\{([a-z_]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
