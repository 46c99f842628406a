using System.Text.RegularExpressions;

namespace Triage.Hosting.Acknowledgements;

/// <summary>One language's acknowledgement: a subject line and a body, with placeholders still in.</summary>
public sealed record AcknowledgementTemplate(string Language, string Subject, string Body);

/// <summary>
/// The acknowledgement templates the admin can edit: one <c>ack.&lt;language&gt;.txt</c> per language (sv, nb, da,
/// fi, nl, de, en are shipped), a first line <c>Subject: …</c>, an empty line, then the body. Placeholders:
/// <c>{ticket_number}</c> (required in the subject, so replies thread back), <c>{customer_name}</c>, <c>{subject}</c>.
/// A template with an unknown placeholder fails at load, so a typo is found at start, not by a customer.
/// </summary>
public sealed partial class AcknowledgementTemplates
{
    public const string Fallback = "en";

    private static readonly HashSet<string> Placeholders = new(StringComparer.Ordinal) { "ticket_number", "customer_name", "subject" };

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
        var body = end < 0 ? string.Empty : lines[(end + 1)..].TrimStart('\n');
        if (!subject.Contains("{ticket_number}", StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{source}: the subject must contain {{ticket_number}}, so replies find their ticket.");
        }

        foreach (Match match in Placeholder().Matches(subject + "\n" + body))
        {
            if (!Placeholders.Contains(match.Groups[1].Value))
            {
                throw new InvalidDataException($"{source}: unknown placeholder {match.Value} (use {{ticket_number}}, {{customer_name}}, {{subject}}).");
            }
        }

        return new AcknowledgementTemplate(language, subject, body);
    }

    /// <summary>The template for a language code, else English.</summary>
    public AcknowledgementTemplate For(string? language) =>
        language is not null && _byLanguage.TryGetValue(language, out var template) ? template : _byLanguage[Fallback];

    /// <summary>Fills the placeholders in one pass, so a value that itself looks like a placeholder stays as it is.</summary>
    public static string Fill(string text, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Placeholder().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);
    }

    [GeneratedRegex(@"\{([a-z_]+)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}
