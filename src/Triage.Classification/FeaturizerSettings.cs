namespace Triage.Classification;

/// <summary>How text becomes features. Saved in every model file, so a model always featurizes as it was trained.</summary>
public sealed record FeaturizerSettings
{
    public static FeaturizerSettings Default { get; } = new();

    /// <summary>Feature hashing into 2^HashBits buckets.</summary>
    public int HashBits { get; init; } = 20;

    /// <summary>Word n-grams from 1 to this length (2 = unigrams and bigrams).</summary>
    public int WordNgramMax { get; init; } = 2;

    /// <summary>Character n-grams inside word boundaries, from <see cref="CharNgramMin"/> to <see cref="CharNgramMax"/>;
    /// they carry Finnish case endings and Nordic compounds that whole words miss.</summary>
    public int CharNgramMin { get; init; } = 1;

    public int CharNgramMax { get; init; } = 5;

    /// <summary>
    /// Character n-grams run over the whole text (words joined by single spaces) instead of inside each word, so
    /// "af d" and "n av" span word boundaries: short function words next to their neighbours are the strongest
    /// evidence of a language. Off for topics, where words carry the meaning.
    /// </summary>
    public bool CharNgramsAcrossWords { get; init; }

    /// <summary>
    /// Words and character n-grams are made of letters only (digits part words as punctuation does), and one-letter
    /// words are not word features: years, dates and initials say nothing about the language.
    /// </summary>
    public bool LettersOnly { get; init; }

    /// <summary>
    /// When predicting (never when training), capitalized words inside a sentence are left out: in "Hun spilte med
    /// Liam Neeson i The Crucible" the names and titles say nothing about the language they stand in. Text with nothing
    /// else left is featurized whole.
    /// </summary>
    public bool IgnoreNamesWhenPredicting { get; init; }

    /// <summary>1 + ln(tf) instead of raw counts.</summary>
    public bool SublinearTf { get; init; } = true;

    public bool UseIdf { get; init; } = true;

    /// <summary>Weight of the subject's features relative to the body's (each group is L2-normalized first).</summary>
    public float SubjectWeight { get; init; } = 0.5f;

    /// <summary>
    /// The settings language identification is trained with: raw counts (no sublinear TF, no IDF), letters only,
    /// character n-grams across words, names ignored when predicting.
    /// </summary>
    public static FeaturizerSettings Language { get; } = new() { CharNgramsAcrossWords = true, LettersOnly = true, IgnoreNamesWhenPredicting = true, SublinearTf = false, UseIdf = false };

    public int BucketCount => 1 << HashBits;

    internal void Validate()
    {
        if (HashBits is < 8 or > 24)
        {
            throw new ArgumentOutOfRangeException(nameof(HashBits), HashBits, "must be between 8 and 24");
        }

        if (WordNgramMax is < 1 or > 3 || CharNgramMin < 1 || CharNgramMax < CharNgramMin || CharNgramMax > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(CharNgramMax), "n-gram lengths out of range (words 1–3, characters 1–8)");
        }
    }
}
