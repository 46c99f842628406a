using Triage.Core.Mail;

namespace Triage.Core.Hygiene;

/// <summary>Per-recipient send counters; the store implements it. Null means "no rate limit known yet".</summary>
public interface IAcknowledgementRateLimiter
{
    /// <summary>True when one more automatic reply to <paramref name="recipient"/> stays within the limits.</summary>
    bool MayAcknowledge(string recipient, DateTimeOffset now);
}

/// <summary>Whether an automatic acknowledgement may be sent, and if not, why not.</summary>
public sealed record ReplyDecision(bool Allowed, string Reason);

/// <summary>
/// The one place that decides whether Triage may answer a mail automatically (RFC 3834 §2): never to automatic mail,
/// lists, robots' addresses, our own addresses, or when the sender asked not to get auto-replies.
/// </summary>
public static class ReplyPolicy
{
    private static readonly string[] RobotLocalParts =
    [
        "mailer-daemon", "postmaster", "noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply",
        "bounce", "bounces", "listserv", "majordomo", "notifications", "notification", "automailer", "autoreply",
    ];

    public static ReplyDecision Decide(
        InboundMail mail, MailKind kind, HygieneOptions options, IAcknowledgementRateLimiter? rateLimiter = null, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(options);
        if (kind != MailKind.Human)
        {
            return new(false, $"automatic mail ({kind.ToWireName()})");
        }

        var recipient = ReplyAddress(mail);
        if (recipient is null)
        {
            return new(false, "no sender address");
        }

        if (IsRobotAddress(recipient))
        {
            return new(false, "robot sender address");
        }

        if (IsOwnAddress(recipient, options))
        {
            return new(false, "our own address");
        }

        if (SuppressesAutoReplies(mail.Header("X-Auto-Response-Suppress")))
        {
            return new(false, "X-Auto-Response-Suppress");
        }

        if (rateLimiter is not null && now is { } at && !rateLimiter.MayAcknowledge(recipient, at))
        {
            return new(false, "rate limit");
        }

        return new(true, "human sender");
    }

    /// <summary>Reply-To when given (and not a robot), else From.</summary>
    public static string? ReplyAddress(InboundMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var replyTo = mail.ReplyTo.FirstOrDefault(a => a.Address.Contains('@', StringComparison.Ordinal));
        return replyTo?.Address ?? (mail.From?.Address is { } from && from.Contains('@', StringComparison.Ordinal) ? from : null);
    }

    public static bool IsRobotAddress(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var at = address.IndexOf('@', StringComparison.Ordinal);
        var local = (at < 0 ? address : address[..at]).ToLowerInvariant();
        return Array.Exists(RobotLocalParts, r => local == r || local.StartsWith(r + "+", StringComparison.Ordinal) || local.StartsWith(r + "-", StringComparison.Ordinal));
    }

    public static bool IsOwnAddress(string address, HygieneOptions options)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(options);
        return options.OwnAddresses.Any(a => string.Equals(a, address, StringComparison.OrdinalIgnoreCase))
            || options.NoReplyAddresses.Any(a => string.Equals(a, address, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Exchange's X-Auto-Response-Suppress: All, AutoReply or OOF forbid our acknowledgement (it does not make the mail automatic).</summary>
    public static bool SuppressesAutoReplies(string? value) =>
        value is not null && value.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries)
            .Any(v => v.Equals("All", StringComparison.OrdinalIgnoreCase) || v.Equals("AutoReply", StringComparison.OrdinalIgnoreCase) || v.Equals("OOF", StringComparison.OrdinalIgnoreCase));
}
