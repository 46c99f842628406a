using System.Diagnostics;
using System.Security.Cryptography;
using Triage.Core.Hygiene;
using Triage.Core.Mail;
using Triage.Core.Tickets;
using Triage.Hosting.Classification;
using Triage.Hosting.Mail;
using Triage.Mime;
using Triage.Storage;

namespace Triage.Hosting.Pipeline;

/// <summary>A stored mail parsed, inspected and classified: everything threading and the store need, no I/O done.</summary>
public sealed record PreparedMail(
    StoredMessage Stored,
    InboundMail Mail,
    HygieneResult Hygiene,
    TicketAssessment Assessment,
    IReadOnlyList<TicketAttachment> Attachments);

/// <summary>The CPU part of the pipeline: MIME, hygiene, classification. Thread-safe, so a batch is prepared in parallel.</summary>
public sealed class MailPreparer(MailHygiene hygiene, MailClassifier classifier, PipelineStats stats)
{
    public MailHygiene Hygiene => hygiene;

    public PreparedMail Prepare(StoredMessage stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var start = Stopwatch.GetTimestamp();
        var message = MimeParser.Parse(stored.Content);
        var mail = MimeMailAdapter.FromMessage(stored.Key, message);
        var inspected = hygiene.Inspect(mail);
        var attachments = inspected.Verdict.Kind == MailKind.Human ? Attachments(message) : [];
        var parsed = Stopwatch.GetTimestamp();
        stats.Add(PipelineStage.Parse, parsed - start);

        // Automatic mail never opens or updates a ticket, so its text is not worth classifying.
        var assessment = inspected.Verdict.Kind == MailKind.Human ? Assess(inspected) : TicketAssessment.Unknown;
        stats.Add(PipelineStage.Classify, Stopwatch.GetTimestamp() - parsed);
        return new PreparedMail(stored, mail, inspected, assessment, attachments);
    }

    private TicketAssessment Assess(HygieneResult inspected)
    {
        var result = classifier.Classify(inspected.Links.NormalizedSubject, inspected.NewText);
        var critical = result.Critical == true;
        return new TicketAssessment
        {
            Language = result.Language,
            Topic = result.Topic,
            TopicScores = result.TopicScores?.ToDictionary(s => s.Key, s => (double)s.Value, StringComparer.Ordinal) ?? new Dictionary<string, double>(),
            Critical = critical,
            // A business-critical mail (till down, payments failing) is the one thing that jumps the queue.
            Priority = critical ? TicketPriority.Urgent : TicketPriority.Normal,
            MultiQuestion = result.MultiQuestion,
            Questions = result.Questions,
        };
    }

    private static TicketAttachment[] Attachments(MimeMessage message) =>
    [
        .. message.Body.Attachments.Select(part =>
        {
            var content = part.GetDecodedContent();
            return new TicketAttachment(part.FileName ?? string.Empty, part.ContentType.MimeType, content.Length, Convert.ToHexStringLower(SHA256.HashData(content)));
        }),
    ];
}
