namespace Triage.Mime.Tests.Html;

/// <summary>What every converter output must satisfy, whatever the input.</summary>
internal static class TextInvariants
{
    public static void AssertClean(string text)
    {
        Assert.NotNull(text);
        if (text.Length == 0) return;
        // The first line may be indented (preformatted text), but it is never blank.
        Assert.False(string.IsNullOrWhiteSpace(text[..(text.IndexOf('\n') is var end and >= 0 ? end : text.Length)]), "leading blank line");
        Assert.False(char.IsWhiteSpace(text[^1]), "trailing white space");
        Assert.DoesNotContain('\r', text);
        Assert.DoesNotContain('\u00A0', text);

        var previousBlank = false;
        foreach (var line in text.Split('\n'))
        {
            Assert.False(line.Length > 0 && (line[^1] == ' ' || line[^1] == '\t'), $"trailing white space: [{line}]");
            // Only empty lines: a ">" line may be literal text (hand-quoted plain text in HTML), not a quote marker.
            var blank = line.Length == 0;
            Assert.False(blank && previousBlank, "two blank lines in a row");
            previousBlank = blank;
        }
    }
}
