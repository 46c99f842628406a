using System.Buffers;
using System.Text;

namespace Triage.Classification;

/// <summary>
/// Text to hashed TF-IDF features: Unicode NFKC and case folding; word unigrams and bigrams; character n-grams
/// inside word boundaries (or across them); sublinear TF, IDF, per-group L2 normalization. Subject and body are featurized as separate
/// groups (their own hash namespaces) and concatenated. Thread-safe: counting space is per thread.
/// </summary>
public sealed class Featurizer
{
    private const uint SubjectWords = 0x9E3779B1;
    private const uint SubjectChars = 0x85EBCA77;
    private const uint BodyWords = 0xC2B2AE3D;
    private const uint BodyChars = 0x27D4EB2F;

    [ThreadStatic]
    private static FeatureBuffer? t_features;


    private readonly float[]? _idf;
    private readonly int _mask;
    private readonly bool _lettersOnly;

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
        _lettersOnly = settings.LettersOnly;
    }

    public FeaturizerSettings Settings { get; }

    /// <summary>Normalizes text the way every feature sees it: NFKC, lower case (invariant), for any language.</summary>
    public static string NormalizeText(string? text) =>
        string.IsNullOrEmpty(text) ? string.Empty : text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    /// <summary>The feature vector, indices in ascending order; what training sees.</summary>
    public SparseVector Transform(string? subject, string? body) => Collect(subject, body, AddWeighted);

    /// <summary>Term frequencies times the group weight, unnormalized; what a naive Bayes model counts.</summary>
    internal SparseVector Counts(string? subject, string? body) => Collect(subject, body, static (counts, weight, features) =>
    {
        for (var i = 0; i < counts.Distinct; i++)
        {
            var (bucket, tf) = counts.Entry(i);
            features.Add(bucket, tf * weight);
        }
    });

    /// <summary>The text a predictor featurizes: without the names inside sentences when the settings say so.</summary>
    internal (string? Subject, string Body) PredictionText(string? subject, string body) =>
        Settings.IgnoreNamesWhenPredicting ? (NameFilter.WithoutNames(subject), NameFilter.WithoutNames(body)) : (subject, body);

    private SparseVector Collect(string? subject, string? body, Action<NgramCounts, float, FeatureBuffer> add)
    {
        var features = t_features ??= new FeatureBuffer();
        features.Clear();
        var counts = NgramCounts.ForThread;
        counts.PrefetchRows = null;
        ForEachGroup(subject, body, counts, (counts, weight) => add(counts, weight, features));
        return features.ToVector();
    }

    /// <summary>Bucket indices present in a text (no weighting); for document frequencies when fitting IDF.</summary>
    internal IEnumerable<int> Buckets(string? subject, string? body) => Transform(subject, body).Indices;

    /// <summary>
    /// Counts each feature group — subject words, subject characters, body words, body characters — into
    /// <paramref name="counts"/> and hands it to <paramref name="group"/> with the group's weight.
    /// </summary>
    internal void ForEachGroup(string? subject, string? body, NgramCounts counts, Action<NgramCounts, float> group)
    {
        var normalizedSubject = NormalizeText(subject);
        CountGroup(counts, normalizedSubject, SubjectWords, words: true, Settings.SubjectWeight, group);
        CountGroup(counts, normalizedSubject, SubjectChars, words: false, Settings.SubjectWeight, group);
        var normalizedBody = NormalizeText(body);
        CountGroup(counts, normalizedBody, BodyWords, words: true, 1f, group);
        CountGroup(counts, normalizedBody, BodyChars, words: false, 1f, group);
    }

    private void CountGroup(NgramCounts counts, string text, uint seed, bool words, float weight, Action<NgramCounts, float> group)
    {
        if (text.Length == 0 || weight <= 0)
        {
            return;
        }

        counts.Reset();
        if (words)
        {
            HashWords(text, seed, counts);
        }
        else if (Settings.CharNgramsAcrossWords)
        {
            HashTextCharNgrams(text, seed, counts);
        }
        else
        {
            HashCharNgrams(text, seed, counts);
        }

        group(counts, weight);
    }

    // Sublinear TF times IDF per distinct bucket, L2-normalized over the group, scaled by the group's weight.
    private void AddWeighted(NgramCounts counts, float weight, FeatureBuffer features)
    {
        var first = features.Count;
        double norm = 0;
        for (var i = 0; i < counts.Distinct; i++)
        {
            var (bucket, tf) = counts.Entry(i);
            var value = Settings.SublinearTf ? 1f + MathF.Log(tf) : tf;
            if (_idf is not null)
            {
                value *= _idf[bucket];
            }

            features.Add(bucket, value);
            norm += value * value;
        }

        if (norm > 0)
        {
            features.Scale(first, (float)(weight / Math.Sqrt(norm)));
        }
    }

    private void HashWords(string text, uint seed, NgramCounts counts)
    {
        var previous = 0u;
        var havePrevious = false;
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && !IsWordChar(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                break;
            }

            var h = seed;
            var start = i;
            while (i < text.Length && IsWordChar(text[i]))
            {
                h = (h ^ text[i]) * 16777619u;
                i++;
            }

            if (_lettersOnly && i - start < 2)
            {
                continue;
            }

            counts.Add(Bucket(Mix(h)));
            if (Settings.WordNgramMax >= 2 && havePrevious)
            {
                counts.Add(Bucket(Mix((previous * 31u) ^ (h + 0x5bd1e995u))));
            }

            previous = h;
            havePrevious = true;
        }
    }

    private void HashCharNgrams(string text, uint seed, NgramCounts counts)
    {
        var cache = WordNgramCache.For(seed, Settings);
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && !IsWordChar(text[i]))
            {
                i++;
            }

            var start = i;
            while (i < text.Length && IsWordChar(text[i]))
            {
                i++;
            }

            if (i == start)
            {
                break;
            }

            var word = text.AsSpan(start, i - start);
            if (!cache.TryGet(word, out var buckets))
            {
                buckets = WordNgrams(word, seed);
                cache.Add(word, buckets);
            }

            foreach (var bucket in buckets)
            {
                counts.Add(bucket);
            }
        }
    }

    // The words joined by single spaces, with a space before the first and after the last, so "af d" spans two words
    // and " af " is a whole word; a lone space is not a feature.
    private void HashTextCharNgrams(string text, uint seed, NgramCounts counts)
    {
        var joined = ArrayPool<char>.Shared.Rent(text.Length + 2);
        try
        {
            var length = 0;
            joined[length++] = ' ';
            foreach (var c in text)
            {
                if (IsWordChar(c))
                {
                    joined[length++] = c;
                }
                else if (joined[length - 1] != ' ')
                {
                    joined[length++] = ' ';
                }
            }

            if (joined[length - 1] != ' ')
            {
                joined[length++] = ' ';
            }

            var min = Settings.CharNgramMin;
            var max = Settings.CharNgramMax;
            for (var s = 0; s < length; s++)
            {
                var h = seed;
                var longest = Math.Min(max, length - s);
                for (var n = 1; n <= longest; n++)
                {
                    h = (h ^ joined[s + n - 1]) * 16777619u;
                    if (n >= min && (n > 1 || joined[s] != ' '))
                    {
                        counts.Add(Bucket(Mix(h + (uint)n)));
                    }
                }
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(joined);
        }
    }

    // The word padded with boundary marks, as "<kassa>", so prefixes and suffixes are their own n-grams; a lone
    // boundary mark is not a feature.
    private int[] WordNgrams(ReadOnlySpan<char> word, uint seed)
    {
        var min = Settings.CharNgramMin;
        var max = Settings.CharNgramMax;
        var length = word.Length + 2;
        var buckets = new List<int>(length * (max - min + 1));
        for (var s = 0; s < length; s++)
        {
            var h = seed;
            var longest = Math.Min(max, length - s);
            for (var n = 1; n <= longest; n++)
            {
                var position = s + n - 1;
                var c = position == 0 ? '<' : position == length - 1 ? '>' : word[position - 1];
                h = (h ^ c) * 16777619u;
                if (n >= min && (n > 1 || (s > 0 && s < length - 1)))
                {
                    buckets.Add(Bucket(Mix(h + (uint)n)));
                }
            }
        }

        return [.. buckets];
    }

    private bool IsWordChar(char c) => _lettersOnly ? char.IsLetter(c) : char.IsLetterOrDigit(c);

    private int Bucket(uint hash) => (int)(hash & (uint)_mask);

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

    /// <summary>Weighted features of all groups of one text, merged into a sparse vector at the end.</summary>
    private sealed class FeatureBuffer
    {
        private int[] _buckets = new int[1024];
        private float[] _values = new float[1024];

        public int Count { get; private set; }

        public void Clear() => Count = 0;

        public void Add(int bucket, float value)
        {
            if (Count == _buckets.Length)
            {
                Array.Resize(ref _buckets, Count * 2);
                Array.Resize(ref _values, Count * 2);
            }

            _buckets[Count] = bucket;
            _values[Count++] = value;
        }

        public void Scale(int from, float factor)
        {
            for (var i = from; i < Count; i++)
            {
                _values[i] *= factor;
            }
        }

        // Groups hash into one space through their own namespaces; a rare collision between groups adds up.
        public SparseVector ToVector()
        {
            Array.Sort(_buckets, _values, 0, Count);
            var distinct = 0;
            for (var i = 0; i < Count; i++)
            {
                if (distinct > 0 && _buckets[distinct - 1] == _buckets[i])
                {
                    _values[distinct - 1] += _values[i];
                }
                else
                {
                    _buckets[distinct] = _buckets[i];
                    _values[distinct++] = _values[i];
                }
            }

            return new SparseVector(_buckets[..distinct], _values[..distinct]);
        }
    }
}
