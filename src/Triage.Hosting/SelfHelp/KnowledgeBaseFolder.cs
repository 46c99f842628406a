using System.Text.RegularExpressions;
using Triage.Core.SelfHelp;

namespace Triage.Hosting.SelfHelp;

/// <summary>Self-help data that cannot be read, with the file and what is wrong.</summary>
public sealed class SelfHelpDataException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads a knowledge-base folder: <c>&lt;kb&gt;/&lt;lang&gt;/&lt;id&gt;.md</c>. An article's title is its first
/// <c># </c> heading; lines before it may be front matter (<c>tags: a, b</c>, optionally between <c>---</c> fences).
/// Links keep their text and lose their address, so URLs do not become search words.
/// </summary>
public static partial class KnowledgeBaseFolder
{
    /// <summary>The knowledge base shipped next to the assembly.</summary>
    public static string Default => Path.Combine(AppContext.BaseDirectory, "SelfHelp", "DefaultKnowledgeBase");

    /// <summary>Every article below the folder, ordered by language and id; throws <see cref="SelfHelpDataException"/>.</summary>
    public static IReadOnlyList<KnowledgeArticle> Load(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            throw new SelfHelpDataException($"Knowledge-base folder '{folder}' does not exist.");
        }

        return [.. Directory.EnumerateDirectories(folder)
            .Order(StringComparer.Ordinal)
            .SelectMany(dir => Directory.EnumerateFiles(dir, "*.md")
                .Order(StringComparer.Ordinal)
                .Select(file => Parse(Path.GetFileNameWithoutExtension(file), Path.GetFileName(dir), ReadText(file), file)))];
    }

    /// <summary>One article from its Markdown; <paramref name="source"/> names it in errors.</summary>
    public static KnowledgeArticle Parse(string id, string language, string markdown, string source)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        var heading = Array.FindIndex(lines, l => l.StartsWith("# ", StringComparison.Ordinal));
        if (heading < 0)
        {
            throw new SelfHelpDataException($"Article '{source}' has no '# ' title line.");
        }

        var tags = new List<string>();
        foreach (var line in lines[..heading])
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals("tags", StringComparison.OrdinalIgnoreCase))
            {
                tags.AddRange(line[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
        }

        var body = string.Join('\n', lines[(heading + 1)..]);
        body = BareUrl().Replace(Link().Replace(body, "$1"), " ");
        return new KnowledgeArticle(id, language, lines[heading][2..].Trim(), body.Trim(), tags);
    }

    internal static string ReadText(string file)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SelfHelpDataException($"Cannot read '{file}': {e.Message}", e);
        }
    }

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Link();

    [GeneratedRegex(@"\b(?:https?://|www\.)\S+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 100)]
    private static partial Regex BareUrl();
}
