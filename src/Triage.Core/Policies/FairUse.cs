namespace Triage.Core.Policies;

/// <summary>At most <paramref name="MaxMails"/> mails from one sender in any <paramref name="Window"/> (sliding).</summary>
public sealed record FairUseWindow(TimeSpan Window, int MaxMails);

/// <summary>
/// Fair-use thresholds, as bound from <c>Triage:FairUse</c>. The counts include the mail being judged and the ticket it
/// would open, so with the defaults the 11th mail within 24 hours, or a 6th open ticket, exceeds fair use.
/// </summary>
public sealed record FairUseOptions
{
    public static FairUseOptions Default { get; } = new();

    public bool Enabled { get; init; } = true;

    /// <summary>The default window: more than 10 mails in 24 hours.</summary>
    public static IReadOnlyList<FairUseWindow> DefaultWindows { get; } = [new(TimeSpan.FromHours(24), 10)];

    /// <summary>
    /// Mail-count windows; null for <see cref="DefaultWindows"/>. Null rather than a default list, because the
    /// configuration binder appends configured items to an existing list instead of replacing it.
    /// </summary>
    public IReadOnlyList<FairUseWindow>? Windows { get; init; }

    public IReadOnlyList<FairUseWindow> EffectiveWindows => Windows ?? DefaultWindows;

    /// <summary>More open tickets than this exceeds fair use; null for no limit.</summary>
    public int? MaxOpenTickets { get; init; } = 5;

    /// <summary>Every problem as a sentence naming the setting; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach (var (window, i) in EffectiveWindows.Select((w, i) => (w, i)))
        {
            if (window is null || window.Window <= TimeSpan.Zero || window.MaxMails < 1)
            {
                errors.Add($"FairUse:Windows:{i} needs a Window above zero and MaxMails of at least 1.");
            }
        }

        if (MaxOpenTickets < 1)
        {
            errors.Add("FairUse:MaxOpenTickets must be at least 1 (or absent for no limit).");
        }

        return errors;
    }
}

/// <summary>Whether a sender exceeded fair use, and if so which threshold, as a sentence.</summary>
public sealed record FairUseVerdict(bool Exceeded, string? Reason)
{
    public static FairUseVerdict Within { get; } = new(false, null);
}

/// <summary>
/// What fair use needs to know about a sender, backed by the ticket store. Both counts leave out the mail being
/// judged: the pipeline asks before it stores that mail. Senders are compared without regard to case.
/// </summary>
public interface IFairUseCounter
{
    /// <summary>Human mails from <paramref name="sender"/> received in [<paramref name="since"/>, <paramref name="until"/>].</summary>
    Task<int> CountMailsAsync(string sender, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Tickets of <paramref name="sender"/> that are not closed.</summary>
    Task<int> CountOpenTicketsAsync(string sender, CancellationToken cancellationToken);
}

/// <summary>Judges a sender's new mail against <see cref="FairUseOptions"/>. Thread-safe.</summary>
public sealed class FairUsePolicy
{
    public FairUsePolicy(FairUseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is [var first, ..])
        {
            throw new ArgumentException(first, nameof(options));
        }

        Options = options;
    }

    public FairUseOptions Options { get; }

    /// <summary>
    /// The verdict on a new mail from <paramref name="sender"/> at <paramref name="now"/>; <paramref name="opensTicket"/>
    /// says whether the mail would open a ticket (a follow-up adds none). The first threshold crossed gives the reason.
    /// </summary>
    public async Task<FairUseVerdict> EvaluateAsync(IFairUseCounter counter, string sender, DateTimeOffset now, bool opensTicket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counter);
        ArgumentException.ThrowIfNullOrWhiteSpace(sender);
        if (!Options.Enabled)
        {
            return FairUseVerdict.Within;
        }

        foreach (var window in Options.EffectiveWindows)
        {
            var mails = 1 + await counter.CountMailsAsync(sender, now - window.Window, now, cancellationToken).ConfigureAwait(false);
            if (mails > window.MaxMails)
            {
                return new FairUseVerdict(true, $"{mails} mails in {Describe(window.Window)} (fair use: at most {window.MaxMails}).");
            }
        }

        if (Options.MaxOpenTickets is { } max)
        {
            var open = (opensTicket ? 1 : 0) + await counter.CountOpenTicketsAsync(sender, cancellationToken).ConfigureAwait(false);
            if (open > max)
            {
                return new FairUseVerdict(true, $"{open} open tickets (fair use: at most {max}).");
            }
        }

        return FairUseVerdict.Within;
    }

    private static string Describe(TimeSpan window) =>
        window.TotalHours >= 1 && window.TotalHours == Math.Floor(window.TotalHours) ? $"{window.TotalHours:0} h" : $"{window.TotalMinutes:0.#} min";
}

/// <summary>
/// An in-memory <see cref="IFairUseCounter"/> for runs without a store (<c>triage inspect</c>, tests): mails and the
/// tickets they opened are recorded as they are seen; recorded tickets stay open.
/// </summary>
public sealed class FairUseLedger : IFairUseCounter
{
    private readonly Dictionary<string, List<DateTimeOffset>> _mails = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _openTickets = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();

    public void Record(string sender, DateTimeOffset receivedAt, bool openedTicket)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sender);
        lock (_lock)
        {
            if (!_mails.TryGetValue(sender, out var times))
            {
                _mails[sender] = times = [];
            }

            times.Add(receivedAt);
            if (openedTicket)
            {
                _openTickets[sender] = _openTickets.GetValueOrDefault(sender) + 1;
            }
        }
    }

    public Task<int> CountMailsAsync(string sender, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_mails.TryGetValue(sender, out var times) ? times.Count(t => t >= since && t <= until) : 0);
        }
    }

    public Task<int> CountOpenTicketsAsync(string sender, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult(_openTickets.GetValueOrDefault(sender));
        }
    }
}
