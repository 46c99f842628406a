using System.Buffers;
using System.ComponentModel.DataAnnotations;
using Triage.Imap;

namespace Triage.Hosting.Imap;

/// <summary>What happens to a mail on the server once the pipeline has stored it.</summary>
public enum ProcessedAction
{
    /// <summary>Move it to <see cref="ImapMailboxOptions.ProcessedMailbox"/>.</summary>
    Move,

    /// <summary>Leave it in place, set \Seen and <see cref="ImapMailboxOptions.ProcessedKeyword"/>.</summary>
    Flag,
}

/// <summary>OAuth 2.0 for Microsoft 365 and Gmail: a token endpoint and either a client secret or a refresh token.</summary>
public sealed class ImapOAuthOptions
{
    /// <summary>e.g. https://login.microsoftonline.com/{tenant}/oauth2/v2.0/token or https://oauth2.googleapis.com/token.</summary>
    [Url]
    public string? TokenEndpoint { get; set; }

    public string? ClientId { get; set; }

    /// <summary>From the environment (<c>Triage__Imap__OAuth__ClientSecret</c>), never from a committed file.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>With a refresh token the grant is refresh_token (Gmail); without, client_credentials (Microsoft 365 app-only).</summary>
    public string? RefreshToken { get; set; }

    /// <summary>e.g. https://outlook.office365.com/.default or https://mail.google.com/.</summary>
    public string? Scope { get; set; }

    public ImapOAuthMechanism Mechanism { get; set; } = ImapOAuthMechanism.Auto;
}

/// <summary>One polled mailbox (<c>Triage:Imap</c>, or each entry of <c>Triage:Imap:Mailboxes</c>).</summary>
public sealed class ImapMailboxOptions : IValidatableObject
{
    private static readonly SearchValues<char> KeywordSpecials = SearchValues.Create(" ()[]{}\"%*");

    /// <summary>Checkpoint key and log name; defaults to user@host/mailbox.</summary>
    public string? Name { get; set; }

    [Required]
    public string Host { get; set; } = "";

    /// <summary>0 means the usual port for <see cref="Security"/> (993 for TLS, 143 otherwise).</summary>
    [Range(0, 65535)]
    public int Port { get; set; }

    public ImapSecurity Security { get; set; } = ImapSecurity.Tls;

    /// <summary>A CA file trusted for this server in place of the system store (private CA); validation stays on.</summary>
    public string? TrustedCaFile { get; set; }

    [Required]
    public string Username { get; set; } = "";

    /// <summary>From the environment (<c>Triage__Imap__Password</c>); leave empty when OAuth is configured.</summary>
    public string? Password { get; set; }

    public ImapOAuthOptions? OAuth { get; set; }

    [Required]
    public string Mailbox { get; set; } = "INBOX";

    public ProcessedAction AfterProcessing { get; set; } = ProcessedAction.Move;

    [Required]
    public string ProcessedMailbox { get; set; } = "Processed";

    [Required]
    public string ProcessedKeyword { get; set; } = "$Triaged";

    [Required]
    public string QuarantineMailbox { get; set; } = "Quarantine";

    public bool UseIdle { get; set; } = true;

    /// <summary>How often to look for mail when IDLE is off or unsupported.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "1.00:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Even while IDLE reports nothing, the folder is searched again this often (a safety net).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ResyncInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Larger mail never reaches the pipeline: it is saved to <see cref="OversizedDirectory"/> (when set) and quarantined.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxMessageBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>
    /// Where oversized mail is streamed to (<c>&lt;mailbox&gt;-&lt;uidvalidity&gt;-&lt;uid&gt;.eml</c>) before it is quarantined;
    /// <c>AddTriage</c> sets <c>{Triage:DataDirectory}/oversized</c>. Null: it is quarantined without being fetched.
    /// </summary>
    public string? OversizedDirectory { get; set; }

    /// <summary>Mails per UID FETCH.</summary>
    [Range(1, 10_000)]
    public int FetchBatchSize { get; set; } = 50;

    /// <summary>Upper bound of message bytes held in memory per fetch batch.</summary>
    [Range(1024, long.MaxValue)]
    public long FetchBatchBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Hand-over attempts (sink errors) before a mail is quarantined.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan BackoffInitial { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromMinutes(5);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(2);

    public string DisplayName => Name ?? $"{Username}@{Host}/{Mailbox}";

    public int EffectivePort => Port != 0 ? Port : Security == ImapSecurity.Tls ? 993 : 143;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var hasOAuth = OAuth?.TokenEndpoint is not null;
        if (string.IsNullOrEmpty(Password) && !hasOAuth)
        {
            yield return new ValidationResult(
                "Set a password (environment variable Triage__Imap__Password) or OAuth settings (Triage:Imap:OAuth:TokenEndpoint, ClientId, …).",
                [nameof(Password), nameof(OAuth)]);
        }

        if (hasOAuth && string.IsNullOrEmpty(OAuth!.ClientId))
        {
            yield return new ValidationResult("OAuth needs a ClientId.", [nameof(OAuth)]);
        }

        if (BackoffMax < BackoffInitial)
        {
            yield return new ValidationResult("BackoffMax must not be below BackoffInitial.", [nameof(BackoffMax)]);
        }

        if (string.Equals(Mailbox, QuarantineMailbox, StringComparison.OrdinalIgnoreCase)
            || (AfterProcessing == ProcessedAction.Move && string.Equals(Mailbox, ProcessedMailbox, StringComparison.OrdinalIgnoreCase)))
        {
            yield return new ValidationResult("Mailbox, ProcessedMailbox and QuarantineMailbox must be different folders.", [nameof(Mailbox)]);
        }

        if (ProcessedKeyword.StartsWith('\\') || ProcessedKeyword.AsSpan().IndexOfAny(KeywordSpecials) >= 0)
        {
            yield return new ValidationResult("ProcessedKeyword must be an IMAP keyword such as $Triaged.", [nameof(ProcessedKeyword)]);
        }
    }
}

/// <summary>All polled mailboxes: <c>Triage:Imap</c> itself when it names a host, plus <c>Triage:Imap:Mailboxes</c>.</summary>
public sealed class ImapPollerOptions
{
    public List<ImapMailboxOptions> Mailboxes { get; } = [];
}
