using System.Text.Json;
using Triage.Classification;
using Triage.Core.Hygiene;
using Triage.Hosting.Mail;

namespace Triage.Hosting.Classification;

/// <summary>Labelled data that cannot be read, with the file and line.</summary>
public sealed class TrainingDataException(string message) : Exception(message);

/// <summary>
/// Reads labelled mail for training and evaluation: a JSON Lines file (fields <c>text</c> or <c>raw</c>, optional
/// <c>subject</c>, and a label field), or a folder with one sub-folder of mail files per label (what an admin exports
/// from a mail client). Raw mail is reduced to what the customer wrote now, as the pipeline classifies it.
/// </summary>
public static class TrainingData
{
    private static readonly MailHygiene Hygiene = new(HygieneOptions.Default);

    /// <summary>Reads and concatenates several sources; for the language task Nynorsk (nn) counts as bokmål (nb).</summary>
    public static IReadOnlyList<LabeledText> Read(IEnumerable<string> paths, string labelField, string task)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var rows = paths.SelectMany(p => Read(p, labelField)).ToList();
        return task == "language" ? [.. rows.Select(r => r.Label == "nn" ? r with { Label = "nb" } : r)] : rows;
    }

    public static IReadOnlyList<LabeledText> Read(string path, string labelField)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            // A folder of JSON Lines files (our models/training), of <label>.txt files with one text per line
            // (language samples), or of label folders holding mail files (a mail client export).
            var jsonLines = Directory.GetFiles(path, "*.jsonl").Order(StringComparer.Ordinal).ToArray();
            if (jsonLines.Length > 0)
            {
                return [.. jsonLines.SelectMany(f => ReadJsonLines(f, labelField))];
            }

            var lineFiles = Directory.GetFiles(path, "*.txt").Order(StringComparer.Ordinal).ToArray();
            return lineFiles.Length > 0 ? ReadLineFiles(lineFiles) : ReadFolder(path);
        }

        if (!File.Exists(path))
        {
            throw new TrainingDataException($"{path}: no such file or folder");
        }

        return ReadJsonLines(path, labelField);
    }

    /// <summary>The default label field of each task in our own training files.</summary>
    public static string DefaultLabelField(string task) => task switch
    {
        "language" => "lang",
        "multi" => "multi_question",
        _ => task,
    };

    /// <summary>Subject and body as the classifier sees them, from a raw message: normalized subject, new text only.</summary>
    public static (string Subject, string Body) FromRaw(string id, ReadOnlyMemory<byte> raw)
    {
        var mail = MimeMailAdapter.FromRaw(id, raw);
        var result = Hygiene.Inspect(mail);
        return (result.Links.NormalizedSubject, result.NewText);
    }

    private static List<LabeledText> ReadLineFiles(string[] files) =>
        [.. files.SelectMany(f => File.ReadLines(f)
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => new LabeledText(null, line.Trim(), Path.GetFileNameWithoutExtension(f))))];

    private static List<LabeledText> ReadFolder(string path)
    {
        var rows = new List<LabeledText>();
        foreach (var labelFolder in Directory.GetDirectories(path).Order(StringComparer.Ordinal))
        {
            var label = Path.GetFileName(labelFolder);
            foreach (var file in Directory.EnumerateFiles(labelFolder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var (subject, body) = FromRaw(file, File.ReadAllBytes(file));
                rows.Add(new LabeledText(subject, body, label));
            }
        }

        if (rows.Count == 0)
        {
            throw new TrainingDataException($"{path}: no mail found; expected one sub-folder of mail files per label");
        }

        return rows;
    }

    private static List<LabeledText> ReadJsonLines(string path, string labelField)
    {
        var rows = new List<LabeledText>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                var root = document.RootElement;
                if (!root.TryGetProperty(labelField, out var labelElement) || labelElement.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
                {
                    throw new TrainingDataException($"{path}:{number}: no \"{labelField}\" field (choose one with --label-field)");
                }

                var label = labelElement.ValueKind switch
                {
                    JsonValueKind.String => labelElement.GetString()!,
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => labelElement.GetRawText(),
                };
                var subject = root.TryGetProperty("subject", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
                if (root.TryGetProperty("raw", out var raw) && raw.ValueKind == JsonValueKind.String)
                {
                    var (rawSubject, body) = FromRaw($"{path}:{number}", System.Text.Encoding.UTF8.GetBytes(raw.GetString()!));
                    rows.Add(new LabeledText(rawSubject, body, label));
                }
                else if (root.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
                {
                    rows.Add(new LabeledText(subject, text.GetString()!, label));
                }
                else
                {
                    throw new TrainingDataException($"{path}:{number}: neither \"text\" nor \"raw\"");
                }
            }
            catch (JsonException e)
            {
                throw new TrainingDataException($"{path}:{number}: not JSON ({e.Message})");
            }
        }

        if (rows.Count == 0)
        {
            throw new TrainingDataException($"{path}: no rows");
        }

        return rows;
    }
}
