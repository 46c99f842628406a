namespace Triage.Classification;

/// <summary>How the weights are learned.</summary>
public enum TrainingAlgorithm
{
    /// <summary>Multinomial logistic regression by AdaGrad SGD: the best choice when the training data looks like what it will see.</summary>
    LogisticRegression,

    /// <summary>
    /// Multinomial naive Bayes over feature counts: generalizes further from little or unlike data, which is what
    /// language identification needs (trained on our sentences, used on any text).
    /// </summary>
    NaiveBayes,
}

/// <summary>How a model is fitted. Deterministic: the same data, settings and seed give the same model, bit for bit.</summary>
public sealed record TrainerSettings
{
    public static TrainerSettings Default { get; } = new();

    public TrainingAlgorithm Algorithm { get; init; } = TrainingAlgorithm.LogisticRegression;

    public int Seed { get; init; } = 1;

    /// <summary>Naive Bayes: additive (Lidstone) smoothing of the feature counts.</summary>
    public float Smoothing { get; init; } = 0.1f;

    /// <summary>Most passes over the data; early stopping usually ends sooner.</summary>
    public int MaxEpochs { get; init; } = 40;

    /// <summary>Stop when validation log-loss has not improved for this many epochs.</summary>
    public int Patience { get; init; } = 4;

    /// <summary>Share of the training rows held out (stratified) for early stopping and calibration.</summary>
    public double ValidationFraction { get; init; } = 0.1;

    /// <summary>AdaGrad step size.</summary>
    public float LearningRate { get; init; } = 0.4f;

    /// <summary>L2 penalty per update on the weights a row touches.</summary>
    public float L2 { get; init; } = 1e-6f;

    /// <summary>
    /// Weight each class by n / (k · n_class). Off by default: on the 10-queue ticket split it cost macro-F1
    /// (0.301 against 0.333); turn it on for label sets with very rare classes.
    /// </summary>
    public bool BalanceClasses { get; init; }
}
