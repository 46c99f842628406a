namespace Triage.Mime.Tests;

/// <summary>
/// Finds the shared third-party corpus: <c>TRIAGE_CORPUS</c> (a folder holding <c>mime/</c>, <c>reply/</c>…)
/// or <c>../shared/corpus</c> beside the repository. The corpus is never copied into the repo.
/// </summary>
public static class Corpus
{
    public static string? Root { get; } = Locate();

    public static string SkipReason =>
        "third-party corpus not found: set TRIAGE_CORPUS or place shared/corpus beside the repository";

    /// <summary>Path under the corpus root, e.g. <c>Path("mime", "jstedfast_MimeKit")</c>; null when absent.</summary>
    public static string? Path(params string[] parts)
    {
        if (Root is null) return null;
        var p = System.IO.Path.Combine([Root, .. parts]);
        return Directory.Exists(p) || File.Exists(p) ? p : null;
    }

    private static string? Locate()
    {
        var env = Environment.GetEnvironmentVariable("TRIAGE_CORPUS");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "corpus");
            if (Directory.Exists(candidate) && File.Exists(System.IO.Path.Combine(dir.FullName, "shared", "README.md"))) return candidate;
        }
        return null;
    }
}

/// <summary>A fact that needs the shared corpus; skipped with a clear reason when it is absent.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (Corpus.Root is null) Skip = Corpus.SkipReason;
    }
}

/// <summary>A theory that needs the shared corpus; skipped with a clear reason when it is absent.</summary>
public sealed class CorpusTheoryAttribute : TheoryAttribute
{
    public CorpusTheoryAttribute()
    {
        if (Corpus.Root is null) Skip = Corpus.SkipReason;
    }
}
