using System.Globalization;
using System.Text;

namespace Triage.Classification;

/// <summary>
/// Text to hashed TF-IDF features: Unicode NFKC and case folding; word unigrams and bigrams; character n-grams
/// inside word boundaries; sublinear TF, IDF, per-group L2 normalization. Subject and body are featurized as separate
/// groups (their own hash namespaces) and concatenated. Thread-safe: scratch space is per thread.
/// </summary>
public sealed class Featurizer
{
    private const uint SubjectWords = 0x9E3779B1;
    private const uint SubjectChars = 0x85EBCA77;
    private const uint BodyWords = 0xC2B2AE3D;
    private const uint BodyChars = 0x27D4EB2F;

    [ThreadStatic]
    private static Scratch? t_scratch;

    private readonly float[]? _idf;
    private readonly int _mask;

    public Featurizer(FeaturizerSettings settings, float[]? idf = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        if (idf is not null && idf.Length != settings.BucketCount)
        {
            throw new ArgumentException($"IDF table has {idf.Length} entries, settings need {settings.BucketCount}", nameof(idf));
        }

        Settings = settings;
        _idf = idf;
        _mask = settings.BucketCount - 1;
    }

    public FeaturizerSettings Settings { get; }

    /// <summary>Normalizes text the way every feature sees it: NFKC, lower case (invariant), for any language.</summary>
    public static string NormalizeText(string? text) =>
        string.IsNullOrEmpty(text) ? string.Empty : text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    public SparseVector Transform(string? subject, string? body)
    {
        var scratch = t_scratch ??= new Scratch();
        scratch.Ensure(Settings.BucketCount);
        var indices = new List<int>(256);
        var values = new List<float>(256);
        AddGroup(scratch, NormalizeText(subject), SubjectWords, words: true, Settings.SubjectWeight, indices, values);
        AddGroup(scratch, NormalizeText(subject), SubjectChars, words: false, Settings.SubjectWeight, indices, values);
        var normalizedBody = NormalizeText(body);
        AddGroup(scratch, normalizedBody, BodyWords, words: true, 1f, indices, values);
        AddGroup(scratch, normalizedBody, BodyChars, words: false, 1f, indices, values);
        return Merge(scratch, indices, values);
    }

    /// <summary>Bucket indices present in a text (no weighting); for document frequencies when fitting IDF.</summary>
    internal IEnumerable<int> Buckets(string? subject, string? body) => Transform(subject, body).Indices;

    private void AddGroup(Scratch scratch, string text, uint seed, bool words, float weight, List<int> indices, List<float> values)
    {
        if (text.Length == 0 || weight <= 0)
        {
            return;
        }

        scratch.Touched.Clear();
        if (words)
        {
            HashWords(text, seed, scratch);
        }
        else
        {
            HashCharNgrams(text, seed, scratch);
        }

        // Weight each distinct bucket: sublinear TF times IDF, then L2-normalize the group.
        double norm = 0;
        var start = indices.Count;
        foreach (var bucket in scratch.Touched)
        {
            var tf = scratch.Counts[bucket];
            scratch.Counts[bucket] = 0;
            var value = Settings.SublinearTf ? 1f + MathF.Log(tf) : tf;
            if (Settings.UseIdf && _idf is not null)
            {
                value *= _idf[bucket];
            }

            indices.Add(bucket);
            values.Add(value);
            norm += value * value;
        }

        if (norm > 0)
        {
            var scale = (float)(weight / Math.Sqrt(norm));
            for (var i = start; i < values.Count; i++)
            {
                values[i] *= scale;
            }
        }
    }

    private void HashWords(string text, uint seed, Scratch scratch)
    {
        var previous = 0u;
        var havePrevious = false;
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && !char.IsLetterOrDigit(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                break;
            }

            var h = seed;
            while (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                h = (h ^ text[i]) * 16777619u;
                i++;
            }

            Count(scratch, Mix(h));
            if (Settings.WordNgramMax >= 2 && havePrevious)
            {
                Count(scratch, Mix((previous * 31u) ^ (h + 0x5bd1e995u)));
            }

            previous = h;
            havePrevious = true;
        }
    }

    private void HashCharNgrams(string text, uint seed, Scratch scratch)
    {
        var min = Settings.CharNgramMin;
        var max = Settings.CharNgramMax;
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && !char.IsLetterOrDigit(text[i]))
            {
                i++;
            }

            var start = i;
            while (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                i++;
            }

            if (i == start)
            {
                break;
            }

            // The word padded with boundary marks, as "<kassa>", so prefixes and suffixes are their own n-grams.
            var length = i - start + 2;
            for (var s = 0; s < length; s++)
            {
                var h = seed;
                for (var n = 1; n <= max && s + n <= length; n++)
                {
                    var position = s + n - 1;
                    var c = position == 0 ? '<' : position == length - 1 ? '>' : text[start + position - 1];
                    h = (h ^ c) * 16777619u;
                    if (n >= min && !(n == 1 && (c == '<' || c == '>')))
                    {
                        Count(scratch, Mix(h + (uint)n));
                    }
                }
            }
        }
    }

    private void Count(Scratch scratch, uint hash)
    {
        var bucket = (int)(hash & (uint)_mask);
        if (scratch.Counts[bucket]++ == 0)
        {
            scratch.Touched.Add(bucket);
        }
    }

    // Bucket indices may repeat across groups (different namespaces can collide): sum them.
    private static SparseVector Merge(Scratch scratch, List<int> indices, List<float> values)
    {
        var position = scratch.Position;
        var outIndices = new List<int>(indices.Count);
        var outValues = new List<float>(indices.Count);
        for (var i = 0; i < indices.Count; i++)
        {
            var bucket = indices[i];
            if (position.TryGetValue(bucket, out var at))
            {
                outValues[at] += values[i];
            }
            else
            {
                position[bucket] = outIndices.Count;
                outIndices.Add(bucket);
                outValues.Add(values[i]);
            }
        }

        position.Clear();
        return new SparseVector([.. outIndices], [.. outValues]);
    }

    // Murmur3 finalizer: spreads FNV's low bits before masking.
    private static uint Mix(uint h)
    {
        h ^= h >> 16;
        h *= 0x85EBCA6B;
        h ^= h >> 13;
        h *= 0xC2B2AE35;
        h ^= h >> 16;
        return h;
    }

    private sealed class Scratch
    {
        public int[] Counts = [];
        public readonly List<int> Touched = new(1024);
        public readonly Dictionary<int, int> Position = new(1024);

        public void Ensure(int buckets)
        {
            if (Counts.Length != buckets)
            {
                Counts = new int[buckets];
            }
        }
    }

    internal static string Describe(FeaturizerSettings s) =>
        string.Create(CultureInfo.InvariantCulture, $"2^{s.HashBits} buckets, words 1–{s.WordNgramMax}, chars {s.CharNgramMin}–{s.CharNgramMax}, sublinear TF {s.SublinearTf}, IDF {s.UseIdf}, subject weight {s.SubjectWeight}");
}
