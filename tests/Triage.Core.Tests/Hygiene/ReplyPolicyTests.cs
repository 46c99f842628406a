using Triage.Core.Hygiene;
using Triage.Core.Mail;

namespace Triage.Core.Tests.Hygiene;

public sealed class ReplyPolicyTests
{
    private static InboundMail Mail(string from, params (string Name, string Value)[] headers) => new()
    {
        Id = "m",
        From = new MailAddress(null, from),
        Headers = [.. headers.Select(h => new MailHeader(h.Name, h.Value))],
    };

    [Fact]
    public void Decide_HumanCustomer_Allowed()
    {
        Assert.True(ReplyPolicy.Decide(Mail("karin@butik.example"), MailKind.Human, HygieneOptions.Default).Allowed);
    }

    [Theory]
    [InlineData(MailKind.AutoReply)]
    [InlineData(MailKind.Bounce)]
    [InlineData(MailKind.List)]
    [InlineData(MailKind.System)]
    [InlineData(MailKind.FeedbackReport)]
    public void Decide_AutomaticMail_Refused(MailKind kind)
    {
        Assert.False(ReplyPolicy.Decide(Mail("karin@butik.example"), kind, HygieneOptions.Default).Allowed);
    }

    [Theory]
    [InlineData("MAILER-DAEMON@mx.example")]
    [InlineData("postmaster@butik.example")]
    [InlineData("no-reply@shop.example")]
    [InlineData("noreply+orders@shop.example")]
    [InlineData("donotreply@bank.example")]
    [InlineData("support@kassasystem.example")]
    [InlineData("no-reply@kassasystem.example")]
    public void Decide_RobotOrOwnSender_Refused(string from)
    {
        Assert.False(ReplyPolicy.Decide(Mail(from), MailKind.Human, HygieneOptions.Default).Allowed);
    }

    [Theory]
    [InlineData("All", false)]
    [InlineData("OOF, AutoReply", false)]
    [InlineData("AutoReply", false)]
    [InlineData("DR, RN, NRN", true)]
    public void Decide_XAutoResponseSuppress_RefusesOnlyAutoReplyValues(string value, bool allowed)
    {
        var mail = Mail("karin@butik.example", ("X-Auto-Response-Suppress", value));

        Assert.Equal(allowed, ReplyPolicy.Decide(mail, MailKind.Human, HygieneOptions.Default).Allowed);
    }

    [Fact]
    public void Decide_ReplyToGiven_ChecksThatAddress()
    {
        var mail = Mail("karin@butik.example") with { ReplyTo = [new MailAddress(null, "noreply@butik.example")] };

        Assert.False(ReplyPolicy.Decide(mail, MailKind.Human, HygieneOptions.Default).Allowed);
    }

    [Fact]
    public void Decide_RateLimiterSaysNo_Refused()
    {
        var limiter = new FixedLimiter(allow: false);

        var decision = ReplyPolicy.Decide(Mail("karin@butik.example"), MailKind.Human, HygieneOptions.Default, limiter, DateTimeOffset.UnixEpoch);

        Assert.False(decision.Allowed);
        Assert.Equal("rate limit", decision.Reason);
        Assert.Equal("karin@butik.example", limiter.AskedFor);
    }

    private sealed class FixedLimiter(bool allow) : IAcknowledgementRateLimiter
    {
        public string? AskedFor { get; private set; }

        public bool MayAcknowledge(string recipient, DateTimeOffset now)
        {
            AskedFor = recipient;
            return allow;
        }
    }
}
