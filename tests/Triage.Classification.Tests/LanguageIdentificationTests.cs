using Triage.Classification;

namespace Triage.Classification.Tests;

/// <summary>The pieces language identification is built from: naive Bayes, character n-grams across words, letters only, names ignored.</summary>
public sealed class LanguageIdentificationTests
{
    private static readonly FeaturizerSettings Language = FeaturizerSettings.Language with { HashBits = 16 };
    private static readonly TrainerSettings Bayes = TrainerSettings.Default with { Algorithm = TrainingAlgorithm.NaiveBayes };

    private static List<LabeledText> Sentences()
    {
        string[] da = ["jeg har ikke fået min ordre endnu", "hvad koster det af sende en pakke", "kassen blev ved med at fryse efter opdateringen", "vi kan ikke tage imod betalinger i dag", "hvornår kommer varerne til butikken"];
        string[] nb = ["jeg har ikke fått bestillingen min ennå", "hva koster det å sende en pakke", "kassen fortsatte å fryse etter oppdateringen", "vi kan ikke ta imot betalinger i dag", "når kommer varene til butikken"];
        string[] sv = ["jag har inte fått min beställning än", "vad kostar det att skicka ett paket", "kassan fortsatte att frysa efter uppdateringen", "vi kan inte ta emot betalningar i dag", "när kommer varorna till butiken"];
        return [.. da.Select(t => new LabeledText(null, t, "da")), .. nb.Select(t => new LabeledText(null, t, "nb")), .. sv.Select(t => new LabeledText(null, t, "sv"))];
    }

    private static TextClassifier Train(FeaturizerSettings? settings = null) =>
        TextClassifier.Train("language", Sentences(), settings ?? Language, Bayes, folds: 0, DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData("vi har ikke fået pakken efter en uge", "da")]
    [InlineData("vi har ikke fått pakken etter en uke", "nb")]
    [InlineData("vi har inte fått paketet efter en vecka", "sv")]
    public void NaiveBayes_ShortSentences_TellsCloseLanguagesApart(string text, string expected)
    {
        var prediction = Train().Predict(null, text);

        Assert.Equal(expected, prediction.Label);
        Assert.Equal(1f, prediction.Scores.Values.Sum(), 3);
    }

    [Fact]
    public void NaiveBayes_TrainedTwice_ByteIdenticalFiles()
    {
        Assert.Equal(Bytes(Train()), Bytes(Train()));
    }

    [Fact]
    public void NaiveBayes_SaveLoad_KeepsAlgorithmSettingsAndPredictions()
    {
        var original = Train();

        var loaded = ModelFile.Load(new MemoryStream(Bytes(original)));

        Assert.Equal(TrainingAlgorithm.NaiveBayes, loaded.Metadata.Trainer.Algorithm);
        Assert.True(loaded.Metadata.Featurizer.CharNgramsAcrossWords);
        Assert.True(loaded.Metadata.Featurizer.IgnoreNamesWhenPredicting);
        Assert.Equal(original.Probabilities(null, "hva koster pakken"), loaded.Probabilities(null, "hva koster pakken"));
    }

    [Fact]
    public void NaiveBayes_FeaturesNoClassSaw_HaveNoWeights()
    {
        var model = Train();

        // Only the buckets the sentences used carry weights, so the file stays as small as the data.
        var used = Enumerable.Range(0, model.Model.Buckets).Count(b => Enumerable.Range(0, model.Model.Classes).Any(c => model.Model.Weights[(b * model.Model.Classes) + c] != 0f));
        var seen = Sentences().SelectMany(s => model.Featurizer.Counts(s.Subject, s.Body).Indices).Distinct().Count();
        Assert.Equal(seen, used);
    }

    [Fact]
    public void NaiveBayes_ZeroSmoothing_FailsClearly()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            TextClassifier.Train("language", Sentences(), Language, Bayes with { Smoothing = 0 }, folds: 0, DateTimeOffset.UnixEpoch));

        Assert.Contains("smoothing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NaiveBayes_WithFolds_ReportsCrossValidation()
    {
        var model = TextClassifier.Train("language", Sentences(), Language, Bayes, folds: 5, DateTimeOffset.UnixEpoch);

        Assert.Equal(15, Assert.IsType<EvaluationSummary>(model.Metadata.CrossValidation).Rows);
    }

    [Fact]
    public void Transform_AcrossWords_WordOrderChangesCharacterFeatures()
    {
        var words = Language with { WordNgramMax = 1, CharNgramsAcrossWords = false };

        // Inside words, "af dem" and "dem af" are the same bag of n-grams; across words, "f d" and "m a" tell them apart.
        Assert.Equal(Vector(words, "af dem"), Vector(words, "dem af"));
        Assert.NotEqual(Vector(Language with { WordNgramMax = 1 }, "af dem"), Vector(Language with { WordNgramMax = 1 }, "dem af"));
    }

    [Fact]
    public void Transform_LettersOnly_NumbersAddNothing()
    {
        Assert.Equal(Vector(Language, "ordren kom"), Vector(Language, "ordren 4711 kom"));
        Assert.NotEqual(Vector(Language with { LettersOnly = false }, "ordren kom"), Vector(Language with { LettersOnly = false }, "ordren 4711 kom"));
    }

    [Theory]
    [InlineData("Hun spilte med Liam Neeson i filmen", "Hun spilte med   i filmen")]
    [InlineData("Han bor i Aarhus. Der er det godt", "Han bor i . Der er det godt")]
    [InlineData("Hej Mette,\nVores kasse virker ikke", "Hej ,\nVores kasse virker ikke")]
    [InlineData("KASSEN VIRKER IKKE", "KASSEN VIRKER IKKE")]
    [InlineData("Ring til NHL og USA i dag", "Ring til NHL og USA i dag")]
    [InlineData("Oslo", "Oslo")]
    [InlineData("", "")]
    public void WithoutNames_LeavesOutCapitalizedWordsInsideSentences(string text, string expected)
    {
        Assert.Equal(expected, NameFilter.WithoutNames(text));
    }

    [Fact]
    public void WithoutNames_NothingButNames_KeepsTheText()
    {
        Assert.Equal("- Anna Karenina", NameFilter.WithoutNames("- Anna Karenina"));
    }

    [Fact]
    public void Predict_IgnoringNames_ForeignNamesDoNotSwayTheLanguage()
    {
        var data = Sentences();
        data.Add(new LabeledText(null, "när kommer Göteborgs Göteborgsvarvet Göteborgsposten", "sv"));
        var keepNames = TextClassifier.Train("language", data, Language with { IgnoreNamesWhenPredicting = false }, Bayes, 0, DateTimeOffset.UnixEpoch);
        var ignoreNames = TextClassifier.Train("language", data, Language, Bayes, 0, DateTimeOffset.UnixEpoch);
        const string Danish = "kassen kom ikke efter Göteborgsvarvet Göteborgsposten Göteborgs";

        Assert.Equal("sv", keepNames.Predict(null, Danish).Label);
        Assert.Equal("da", ignoreNames.Predict(null, Danish).Label);
    }

    [Fact]
    public void Load_VersionOneFile_ReadsWithTheNewOptionsOff()
    {
        var lr = TextClassifier.Train("topic", Sentences(), FeaturizerSettings.Default with { HashBits = 12 }, TrainerSettings.Default, 0, DateTimeOffset.UnixEpoch);
        var bytes = Bytes(lr);
        bytes["TRIAGE-MODEL ".Length] = (byte)'1';

        var loaded = ModelFile.Load(new MemoryStream(bytes));

        Assert.Equal(TrainingAlgorithm.LogisticRegression, loaded.Metadata.Trainer.Algorithm);
        Assert.Equal(lr.Probabilities(null, "hva koster det"), loaded.Probabilities(null, "hva koster det"));
    }

    private static string Vector(FeaturizerSettings settings, string text)
    {
        var vector = new Featurizer(settings).Transform(null, text);
        return string.Join(' ', vector.Indices.Zip(vector.Values, (i, v) => FormattableString.Invariant($"{i}:{v:F4}")));
    }

    private static byte[] Bytes(TextClassifier classifier)
    {
        using var stream = new MemoryStream();
        ModelFile.Save(classifier, stream);
        return stream.ToArray();
    }
}
