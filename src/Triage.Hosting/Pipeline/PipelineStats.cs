using System.Diagnostics;

namespace Triage.Hosting.Pipeline;

/// <summary>The stages a mail passes, timed for the benchmark and <c>triage ingest --timings</c>.</summary>
public enum PipelineStage
{
    /// <summary>The raw mail written durably (the poller's hand-over).</summary>
    Store,

    /// <summary>MIME parsing, hygiene and attachment hashes.</summary>
    Parse,

    /// <summary>Language, topic, critical and questions.</summary>
    Classify,

    /// <summary>Ticket lookups by header and reference.</summary>
    Thread,

    /// <summary>The one transaction: ticket, message, outbox rows.</summary>
    Apply,

    /// <summary>Ticket events handed to the queue and marked sent.</summary>
    Publish,
}

/// <summary>Total time and count per stage since the process started; thread-safe.</summary>
public sealed class PipelineStats
{
    private readonly long[] _ticks = new long[Enum.GetValues<PipelineStage>().Length];
    private readonly long[] _counts = new long[Enum.GetValues<PipelineStage>().Length];

    public void Add(PipelineStage stage, long elapsedTimestamp, int count = 1)
    {
        Interlocked.Add(ref _ticks[(int)stage], elapsedTimestamp);
        Interlocked.Add(ref _counts[(int)stage], count);
    }

    /// <summary>Runs <paramref name="work"/> and adds its time to <paramref name="stage"/>.</summary>
    public async Task<T> TimeAsync<T>(PipelineStage stage, Func<Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var start = Stopwatch.GetTimestamp();
        try
        {
            return await work().ConfigureAwait(false);
        }
        finally
        {
            Add(stage, Stopwatch.GetTimestamp() - start);
        }
    }

    /// <summary>Per stage: the total time spent and how many items (mails or events) it handled.</summary>
    public IReadOnlyList<(PipelineStage Stage, TimeSpan Total, long Count)> Snapshot() =>
        [.. Enum.GetValues<PipelineStage>().Select(s => (s, Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks[(int)s])), Interlocked.Read(ref _counts[(int)s])))];
}
