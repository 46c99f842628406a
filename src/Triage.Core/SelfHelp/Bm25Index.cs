namespace Triage.Core.SelfHelp;

/// <summary>A document's three fields as text; tags hold front-matter tags or incident keywords.</summary>
internal readonly record struct IndexedText(string Title, string Tags, string Body);

/// <summary>
/// BM25F over title, tags and body (term frequencies weighted by field and length-normalized per field, then
/// saturated once, so a word in the title and body is not counted as two words), plus a BM25 channel over the
/// character n-grams of the words. Each query word's n-gram score is the mean over its n-grams, so a long compound
/// weighs about as much as a short word. Immutable once built; scoring is thread-safe.
/// </summary>
internal sealed class Bm25Index
{
    private const int FieldCount = 3;

    private readonly SelfHelpOptions _options;
    private readonly TextAnalyzer _analyzer;
    private readonly int _count;
    private readonly Dictionary<string, List<(int Doc, int[] Tf)>> _words = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(int Doc, int Tf)>> _grams = new(StringComparer.Ordinal);
    private readonly double[][] _wordNorm;
    private readonly double[] _gramNorm;
    private readonly double[] _boost;

    public Bm25Index(IReadOnlyList<IndexedText> documents, TextAnalyzer analyzer, SelfHelpOptions options)
    {
        _options = options;
        _analyzer = analyzer;
        _count = documents.Count;
        _boost = [options.TitleBoost, options.TagBoost, 1.0];
        var lengths = new int[_count][];
        var gramLengths = new int[_count];
        for (var doc = 0; doc < _count; doc++)
        {
            lengths[doc] = new int[FieldCount];
            var text = documents[doc];
            string[] fields = [text.Title, text.Tags, text.Body];
            var gramTf = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var field = 0; field < FieldCount; field++)
            {
                foreach (var term in analyzer.Terms(fields[field]))
                {
                    lengths[doc][field]++;
                    WordPosting(term, doc)[field]++;
                    foreach (var gram in TextAnalyzer.Grams(term, options.GramLength))
                    {
                        gramTf[gram] = gramTf.GetValueOrDefault(gram) + 1;
                        gramLengths[doc]++;
                    }
                }
            }

            foreach (var (gram, tf) in gramTf)
            {
                _grams.ListFor(gram).Add((doc, tf));
            }
        }

        var averages = Enumerable.Range(0, FieldCount).Select(f => _count == 0 ? 0 : lengths.Average(l => l[f])).ToArray();
        _wordNorm = [.. lengths.Select(fieldLengths => Enumerable.Range(0, FieldCount).Select(f => Norm(fieldLengths[f], averages[f])).ToArray())];
        var averageGrams = _count == 0 ? 0 : gramLengths.Average();
        _gramNorm = [.. gramLengths.Select(l => Norm(l, averageGrams))];
    }

    public string Language => _analyzer.Language;

    /// <summary>Scores of every document for a text, indexed as the documents were given.</summary>
    public double[] Score(string text)
    {
        var scores = new double[_count];
        var queryTerms = _analyzer.Terms(text).Distinct(StringComparer.Ordinal).ToList();
        foreach (var term in queryTerms)
        {
            if (_words.TryGetValue(term, out var postings))
            {
                var idf = Idf(postings.Count);
                foreach (var (doc, tf) in postings)
                {
                    var weighted = 0.0;
                    for (var field = 0; field < FieldCount; field++)
                    {
                        // A field without the term may have length 0, whose norm can be 0.
                        weighted += tf[field] == 0 ? 0 : _boost[field] * tf[field] / _wordNorm[doc][field];
                    }

                    scores[doc] += idf * Saturate(weighted);
                }
            }

            AddGramScores(term, scores);
        }

        return scores;
    }

    private void AddGramScores(string term, double[] scores)
    {
        var grams = TextAnalyzer.Grams(term, _options.GramLength).Distinct(StringComparer.Ordinal).ToList();
        var weight = _options.GramWeight / Math.Max(1, grams.Count);
        foreach (var gram in grams)
        {
            if (_grams.TryGetValue(gram, out var postings))
            {
                var idf = Idf(postings.Count);
                foreach (var (doc, tf) in postings)
                {
                    scores[doc] += weight * idf * Saturate(tf / _gramNorm[doc]);
                }
            }
        }
    }

    private int[] WordPosting(string term, int doc)
    {
        var postings = _words.ListFor(term);
        if (postings.Count == 0 || postings[^1].Doc != doc)
        {
            postings.Add((doc, new int[FieldCount]));
        }

        return postings[^1].Tf;
    }

    /// <summary>The BM25 idf that stays positive for a term in most documents (a small knowledge base has many).</summary>
    private double Idf(int documentFrequency) => Math.Log(1 + ((_count - documentFrequency + 0.5) / (documentFrequency + 0.5)));

    private double Saturate(double tf) => tf * (_options.K1 + 1) / (_options.K1 + tf);

    private double Norm(int length, double average) => average == 0 ? 1 : 1 - _options.B + (_options.B * length / average);
}
