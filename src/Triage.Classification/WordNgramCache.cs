namespace Triage.Classification;

/// <summary>
/// The character n-gram buckets of words already seen, per thread and per hashing configuration. Words repeat across
/// mails (Zipf), so most words skip hashing their n-grams. Bounded: past <see cref="MaxWords"/> the cache starts over,
/// which changes speed only, never the features.
/// </summary>
internal sealed class WordNgramCache
{
    private const int MaxWords = 50_000;

    [ThreadStatic]
    private static Dictionary<(uint Seed, int HashBits, int Min, int Max), WordNgramCache>? t_caches;

    private readonly Dictionary<string, int[]> _words = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    private WordNgramCache() => _bySpan = _words.GetAlternateLookup<ReadOnlySpan<char>>();

    public static WordNgramCache For(uint seed, FeaturizerSettings settings)
    {
        var caches = t_caches ??= [];
        var key = (seed, settings.HashBits, settings.CharNgramMin, settings.CharNgramMax);
        if (!caches.TryGetValue(key, out var cache))
        {
            caches[key] = cache = new WordNgramCache();
        }

        return cache;
    }

    public bool TryGet(ReadOnlySpan<char> word, out int[] buckets) => _bySpan.TryGetValue(word, out buckets!);

    public void Add(ReadOnlySpan<char> word, int[] buckets)
    {
        if (_words.Count >= MaxWords)
        {
            _words.Clear();
        }

        _bySpan[word] = buckets;
    }
}
