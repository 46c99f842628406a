using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using Triage.Classification;
using Triage.Hosting.Classification;

namespace Triage.Cli;

/// <summary><c>triage train</c>: fits a model file from labelled mail, with a progress bar and a metrics table.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var task = new Option<string>("--task")
        {
            Description = "What to learn: topic (billing, order, bug, other or your own labels), critical, language or multi (several questions). Language trains naive Bayes on character n-grams across words and ignores names when predicting; the others train logistic regression.",
            Required = true,
        };
        task.AcceptOnlyFromAmong("topic", "critical", "language", "multi");
        var data = new Option<string[]>("--data")
        {
            Description = "Labelled mail: a JSON Lines file (text or raw, optional subject, and a label field), a folder of such files, a folder of <label>.txt files with one text per line, or a folder with one sub-folder of .eml files per label. Repeat to combine sources.",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var output = new Option<FileInfo>("--out") { Description = "The model file to write (e.g. models/topic.model).", Required = true };
        var seed = new Option<int>("--seed") { Description = "Seed for shuffles and splits; the same data and seed give a byte-identical model.", DefaultValueFactory = _ => 1 };
        var folds = new Option<int>("--folds") { Description = "k-fold cross-validation before the final fit, reported in the metrics table and stored in the model (0 or 1: skip; 5 is a good choice).", DefaultValueFactory = _ => 0 };
        var labelField = new Option<string?>("--label-field") { Description = "JSON field holding the label (default: topic, critical, lang or multi_question by task)." };
        var hashBits = new Option<int>("--hash-bits") { Description = "Feature hashing into 2^N buckets.", DefaultValueFactory = _ => FeaturizerSettings.Default.HashBits };
        var algorithm = new Option<string?>("--algorithm")
        {
            Description = "logistic-regression or naive-bayes (default: naive-bayes for --task language, logistic-regression for the others).",
        };
        algorithm.AcceptOnlyFromAmong(Algorithms.Keys.ToArray());
        var learningRate = new Option<float>("--learning-rate") { Description = "Logistic regression: AdaGrad step size.", DefaultValueFactory = _ => TrainerSettings.Default.LearningRate };
        var l2 = new Option<float>("--l2") { Description = "Logistic regression: L2 penalty per update; larger means a simpler model.", DefaultValueFactory = _ => TrainerSettings.Default.L2 };
        var smoothing = new Option<float>("--smoothing") { Description = "Naive Bayes: additive smoothing of the feature counts; larger trusts rare features less.", DefaultValueFactory = _ => TrainerSettings.Default.Smoothing };
        var subjectWeight = new Option<float>("--subject-weight") { Description = "Weight of the subject's features relative to the body's.", DefaultValueFactory = _ => FeaturizerSettings.Default.SubjectWeight };
        var command = new Command("train", "Train a classifier from labelled mail and write a self-describing model file.")
        {
            task, data, output, seed, folds, labelField, hashBits, algorithm, learningRate, l2, smoothing, subjectWeight,
        };
        command.SetAction((result, _) =>
        {
            var taskName = result.GetValue(task)!;
            var isLanguage = taskName == "language";
            var chosen = result.GetValue(algorithm) is { } name ? Algorithms[name] : (isLanguage ? TrainingAlgorithm.NaiveBayes : TrainingAlgorithm.LogisticRegression);
            return Task.FromResult(Run(
                taskName, result.GetValue(data)!, result.GetValue(output)!, result.GetValue(seed), result.GetValue(folds),
                result.GetValue(labelField),
                (isLanguage ? FeaturizerSettings.Language : FeaturizerSettings.Default) with { HashBits = result.GetValue(hashBits), SubjectWeight = result.GetValue(subjectWeight) },
                TrainerSettings.Default with
                {
                    Algorithm = chosen, Seed = result.GetValue(seed), LearningRate = result.GetValue(learningRate), L2 = result.GetValue(l2), Smoothing = result.GetValue(smoothing),
                }));
        });
        return command;
    }

    private static readonly Dictionary<string, TrainingAlgorithm> Algorithms = new(StringComparer.Ordinal)
    {
        ["logistic-regression"] = TrainingAlgorithm.LogisticRegression,
        ["naive-bayes"] = TrainingAlgorithm.NaiveBayes,
    };

    private static int Run(string task, string[] dataPaths, FileInfo output, int seed, int folds, string? labelField, FeaturizerSettings featurizer, TrainerSettings trainer)
    {
        IReadOnlyList<LabeledText> data;
        try
        {
            data = TrainingData.Read(dataPaths, labelField ?? TrainingData.DefaultLabelField(task), task);
        }
        catch (TrainingDataException e)
        {
            AnsiConsole.MarkupLine($"[red]triage train:[/] {Markup.Escape(e.Message)}");
            return 2;
        }

        var watch = Stopwatch.StartNew();
        TextClassifier? model = null;
        var error = (string?)null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                // A logistic-regression fit is two stages (epochs scored on held-out rows, then the refit on all rows), each
                // up to MaxEpochs; a naive Bayes fit is one counting step.
                var bayes = trainer.Algorithm == TrainingAlgorithm.NaiveBayes;
                var stepsPerStage = bayes ? 1 : trainer.MaxEpochs;
                var bar = context.AddTask($"{task}: {data.Count} rows", maxValue: (Math.Max(folds, 0) + 1) * (bayes ? 1 : 2) * stepsPerStage);
                var stagesDone = 0;
                var lastStage = string.Empty;
                var progress = new SynchronousProgress<TrainingProgress>(p =>
                {
                    if (p.Stage != lastStage)
                    {
                        stagesDone += lastStage.Length == 0 ? 0 : 1;
                        lastStage = p.Stage;
                    }

                    bar.Description = bayes ? $"{task}: {p.Stage}" : $"{task}: {p.Stage}, epoch {p.Done}";
                    bar.Value = (stagesDone * stepsPerStage) + p.Done;
                });
                try
                {
                    model = TextClassifier.Train(task, data, featurizer, trainer, folds, CreatedTime(dataPaths), progress);
                }
                catch (ArgumentException e)
                {
                    error = e.Message;
                }

                bar.Value = bar.MaxValue;
            });
        if (model is null)
        {
            AnsiConsole.MarkupLine($"[red]triage train:[/] {Markup.Escape(error ?? "training failed")}");
            return 2;
        }

        output.Directory?.Create();
        ModelFile.Save(model, output.FullName);
        AnsiConsole.Write(Summary(model, output, watch.Elapsed));
        return 0;
    }

    /// <summary>
    /// The time recorded in the model: SOURCE_DATE_EPOCH when set (reproducible builds), else the newest training file's
    /// modification time — so training twice on the same data gives the same bytes.
    /// </summary>
    private static DateTimeOffset CreatedTime(string[] dataPaths)
    {
        if (long.TryParse(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch))
        {
            return DateTimeOffset.FromUnixTimeSeconds(epoch);
        }

        var newest = dataPaths.Select(path => Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Select(File.GetLastWriteTimeUtc).DefaultIfEmpty(DateTime.UnixEpoch).Max()
            : File.GetLastWriteTimeUtc(path)).Max();
        return new DateTimeOffset(DateTime.SpecifyKind(newest, DateTimeKind.Utc)).AddTicks(-(newest.Ticks % TimeSpan.TicksPerSecond));
    }

    private static Table Summary(TextClassifier model, FileInfo output, TimeSpan elapsed)
    {
        var m = model.Metadata;
        var table = new Table().Border(TableBorder.Rounded).Title($"{m.Task} model").AddColumns("", "");
        table.AddRow("file", Markup.Escape(output.FullName));
        table.AddRow("labels", Markup.Escape(string.Join(", ", m.Labels)));
        table.AddRow("algorithm", m.Trainer.Algorithm == TrainingAlgorithm.NaiveBayes ? "naive Bayes" : "logistic regression");
        table.AddRow("rows", m.TrainingRows.ToString(CultureInfo.InvariantCulture));
        table.AddRow("training time", $"{elapsed.TotalSeconds:F1} s");
        if (m.CrossValidation is { } cv)
        {
            table.AddRow($"{cv.Folds}-fold CV micro accuracy", cv.MicroAccuracy.ToString("P1", CultureInfo.InvariantCulture));
            table.AddRow($"{cv.Folds}-fold CV macro accuracy", cv.MacroAccuracy.ToString("P1", CultureInfo.InvariantCulture));
            table.AddRow($"{cv.Folds}-fold CV macro-F1", cv.MacroF1.ToString("F3", CultureInfo.InvariantCulture));
            table.AddRow($"{cv.Folds}-fold CV log-loss", cv.LogLoss.ToString("F3", CultureInfo.InvariantCulture));
        }

        else
        {
            table.AddRow("cross-validation", "skipped (--folds 5 to measure before the final fit)");
        }

        table.AddRow("training data sha256", m.TrainingDataSha256[..16] + "…");
        return table;
    }

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool and race the bar).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
