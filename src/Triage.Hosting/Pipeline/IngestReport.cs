using Triage.Core.Mail;
using Triage.Core.Tickets;
using Triage.Storage;

namespace Triage.Hosting.Pipeline;

/// <summary>What processing one stored mail did: for logs and the <c>triage ingest</c> table.</summary>
/// <param name="Key">The stored message's key (SHA-256 of its bytes).</param>
/// <param name="Action">Where the mail went; null when it failed or was quarantined.</param>
/// <param name="Kind">The kind of mail, when it could be inspected.</param>
/// <param name="Result">What the store wrote; null when processing failed.</param>
/// <param name="Error">Why processing failed (the mail stays stored and is tried again), or why it was quarantined.</param>
/// <param name="Quarantined">The mail failed too often and was set aside.</param>
public sealed record IngestReport(string Key, ThreadingAction? Action, MailKind? Kind, ApplyResult? Result, string? Error = null, bool Quarantined = false);
