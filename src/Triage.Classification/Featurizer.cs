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
    private readonly int _idfStride;
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
        _idfStride = 1;
        _mask = settings.BucketCount - 1;
    }

    /// <summary>Reads bucket b's IDF at <c>table[b * stride]</c>: a predictor keeps IDF beside each bucket's weights.</summary>
    internal Featurizer(FeaturizerSettings settings, float[] table, int stride)
        : this(settings)
    {
        _idf = table;
        _idfStride = stride;
    }

    public FeaturizerSettings Settings { get; }

    /// <summary>Normalizes text the way every feature sees it: NFKC, lower case (invariant), for any language.</summary>
    public static string NormalizeText(string? text) =>
        string.IsNullOrEmpty(text) ? string.Empty : text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    public SparseVector Transform(string? subject, string? body)
    {
        var scratch = t_scratch ??= new Scratch();
        scratch.Ensure(Settings.BucketCount);
        var normalizedSubject = NormalizeText(subject);
        AddGroup(scratch, normalizedSubject, SubjectWords, words: true, Settings.SubjectWeight);
        AddGroup(scratch, normalizedSubject, SubjectChars, words: false, Settings.SubjectWeight);
        var normalizedBody = NormalizeText(body);
        AddGroup(scratch, normalizedBody, BodyWords, words: true, 1f);
        AddGroup(scratch, normalizedBody, BodyChars, words: false, 1f);
        return scratch.TakeVector();
    }

    /// <summary>Bucket indices present in a text (no weighting); for document frequencies when fitting IDF.</summary>
    internal IEnumerable<int> Buckets(string? subject, string? body) => Transform(subject, body).Indices;

    private void AddGroup(Scratch scratch, string text, uint seed, bool words, float weight)
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

        // Weight each distinct bucket: sublinear TF times IDF, then L2-normalize the group and add it to the vector.
        var touched = scratch.Touched;
        var weights = scratch.GroupValues;
        weights.Clear();
        double norm = 0;
        foreach (var bucket in touched)
        {
            var tf = scratch.TakeCount(bucket);
            var value = Settings.SublinearTf ? 1f + MathF.Log(tf) : tf;
            if (Settings.UseIdf && _idf is not null)
            {
                value *= _idf[bucket * _idfStride];
            }

            weights.Add(value);
            norm += value * value;
        }

        if (norm > 0)
        {
            var scale = (float)(weight / Math.Sqrt(norm));
            for (var i = 0; i < touched.Count; i++)
            {
                scratch.Accumulate(touched[i], weights[i] * scale);
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

    private void Count(Scratch scratch, uint hash) => scratch.Count((int)(hash & (uint)_mask));

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

    /// <summary>
    /// Per-thread dense table sized to the bucket count, touched sparsely and cleared as it is read. A bucket's count
    /// and its running sum share one entry, so a feature costs one cache miss, not one per table.
    /// </summary>
    private sealed class Scratch
    {
        private readonly List<int> _vectorBuckets = new(1024);
        private Entry[] _entries = [];

        public List<int> Touched { get; } = new(1024);

        public List<float> GroupValues { get; } = new(1024);

        public void Ensure(int buckets)
        {
            if (_entries.Length != buckets)
            {
                _entries = new Entry[buckets];
            }
        }

        public void Count(int bucket)
        {
            if (_entries[bucket].Count++ == 0)
            {
                Touched.Add(bucket);
            }
        }

        public int TakeCount(int bucket)
        {
            var count = _entries[bucket].Count;
            _entries[bucket].Count = 0;
            return count;
        }

        // Groups hash into one space through their own namespaces; a rare collision between groups adds up.
        // Values are positive, so a zero sum means "not yet in the vector".
        public void Accumulate(int bucket, float value)
        {
            if (_entries[bucket].Sum == 0f)
            {
                _vectorBuckets.Add(bucket);
            }

            _entries[bucket].Sum += value;
        }

        public SparseVector TakeVector()
        {
            var indices = new int[_vectorBuckets.Count];
            var values = new float[_vectorBuckets.Count];
            for (var i = 0; i < indices.Length; i++)
            {
                var bucket = _vectorBuckets[i];
                indices[i] = bucket;
                values[i] = _entries[bucket].Sum;
                _entries[bucket].Sum = 0f;
            }

            _vectorBuckets.Clear();
            return new SparseVector(indices, values);
        }

        private struct Entry
        {
            public int Count;
            public float Sum;
        }
    }

    internal static string Describe(FeaturizerSettings s) =>
        string.Create(CultureInfo.InvariantCulture, $"2^{s.HashBits} buckets, words 1–{s.WordNgramMax}, chars {s.CharNgramMin}–{s.CharNgramMax}, sublinear TF {s.SublinearTf}, IDF {s.UseIdf}, subject weight {s.SubjectWeight}");
}
