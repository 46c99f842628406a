namespace Triage.Cli;

/// <summary>Expands command-line paths into mail files: a file as given, a folder as every file below it.</summary>
internal static class MailFiles
{
    public static IEnumerable<string> Expand(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => !Path.GetFileName(f).StartsWith('.'))
                    .Order(StringComparer.Ordinal);
                foreach (var file in files)
                {
                    yield return file;
                }
            }
            else
            {
                yield return path;
            }
        }
    }

    /// <summary>The output stem: the file name without a trailing <c>.eml</c>.</summary>
    public static string Stem(string path)
    {
        var name = Path.GetFileName(path);
        return name.EndsWith(".eml", StringComparison.OrdinalIgnoreCase) ? name[..^4] : name;
    }
}
