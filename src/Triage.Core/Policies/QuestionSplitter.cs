namespace Triage.Core.Policies;

/// <summary>"One question per ticket", as bound from <c>Triage:Questions</c>.</summary>
public sealed record QuestionOptions
{
    public static QuestionOptions Default { get; } = new();

    /// <summary>Open one linked child ticket per question when a mail asks several.</summary>
    public bool SplitIntoTickets { get; init; }

    /// <summary>At most this many child tickets; further questions stay with the parent only.</summary>
    public int MaxChildTickets { get; init; } = 5;
}

/// <summary>
/// A child ticket to open for one question. <see cref="OpeningKey"/> gives the key its ticket id is derived from
/// (<c>Ticket.IdFor</c>), so processing the same mail again opens the same children.
/// </summary>
public sealed record ChildTicketPlan(int Number, string Question, string Subject)
{
    public string OpeningKey(string parentMessageKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(parentMessageKey);
        return $"{parentMessageKey}#q{Number}";
    }
}

/// <summary>
/// The questions an acknowledgement lists back (empty unless the mail asks two or more), and the child tickets to
/// open (empty unless splitting is on). The parent ticket keeps the original mail; each child carries one question.
/// </summary>
public sealed record QuestionPlan(IReadOnlyList<string> AcknowledgedQuestions, IReadOnlyList<ChildTicketPlan> ChildTickets)
{
    public static QuestionPlan None { get; } = new([], []);
}

/// <summary>Applies "one question per ticket" to the classifier's questions. Pure.</summary>
public static class QuestionSplitter
{
    /// <summary>
    /// The plan for a mail with <paramref name="subject"/> and the classifier's <paramref name="questions"/>. Blank
    /// questions and repeats (ignoring case and spacing) are dropped first; a single question needs neither a list
    /// nor a split.
    /// </summary>
    public static QuestionPlan Plan(string? subject, IReadOnlyList<string> questions, QuestionOptions options)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(options);
        var distinct = questions
            .Select(q => string.Join(' ', (q ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
            .Where(q => q.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (distinct.Count < 2)
        {
            return QuestionPlan.None;
        }

        var total = Math.Min(distinct.Count, options.MaxChildTickets);
        var stem = string.IsNullOrWhiteSpace(subject) ? "Question" : subject.Trim();
        IReadOnlyList<ChildTicketPlan> children = options.SplitIntoTickets
            ? [.. distinct.Take(total).Select((q, i) => new ChildTicketPlan(i + 1, q, $"{stem} ({i + 1}/{total})"))]
            : [];
        return new QuestionPlan(distinct, children);
    }
}
