using System.Diagnostics;
using System.Globalization;
using Triage.Imap;
using Triage.Mime;
using Triage.TestServers;
using Xunit.Abstractions;

namespace Triage.Hosting.Tests.EndToEnd;

/// <summary>
/// The whole service against real servers on loopback: mail appended to Dovecot over IMAP, polled, threaded into
/// tickets, events on RabbitMQ, acknowledgements through Postfix into Dovecot mailboxes, read back over IMAP.
/// TRIAGE_E2E_MAILS sets the number of mails (default 60; tests/tools/e2e_run.sh uses 500).
/// </summary>
[Trait("Category", "Integration")]
public sealed class EndToEndTests(ITestOutputHelper output)
{
    private const string Domain = "mail.test";

    [Fact]
    public async Task Run_MixedMailOverImap_ExpectedTicketsEventsAndOneAcknowledgementPerHuman()
    {
        var total = int.TryParse(Environment.GetEnvironmentVariable("TRIAGE_E2E_MAILS"), CultureInfo.InvariantCulture, out var n) ? n : 60;
        var plan = MailPlan.Create(total);
        var users = new Dictionary<string, string> { ["support"] = "support-pw" };
        foreach (var user in plan.Customers.Concat(plan.AutomaticSenders))
        {
            users[user] = "pw-" + user;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var ct = timeout.Token;
        using var dovecot = await DovecotServer.StartAsync(users, ct);
        await using var postfix = await PostfixServer.StartAsync(
            new PostfixOptions
            {
                Domain = Domain,
                Mailboxes = [.. plan.Customers, .. plan.AutomaticSenders],
                MailboxBase = Path.Combine(dovecot.Directory, "mail"),
                MailboxPath = (_, user) => $"{user}/",
            },
            ct);
        await using var rabbit = await RabbitMqServer.StartAsync(ct);
        var (connection, channel, queue) = await E2e.DownstreamAsync(rabbit, "downstream", ct);
        await using var _ = connection;
        await using var __ = channel;
        await E2e.AppendAsync(dovecot, "support", plan.Mails, ct);

        var data = Directory.CreateTempSubdirectory("triage-e2e-").FullName;
        var settings = E2e.Settings(data, dovecot, rabbit);
        settings["Triage:Imap:FetchBatchSize"] = "200";
        settings["Triage:Acknowledgements:Enabled"] = "true";
        settings["Triage:Smtp:Host"] = postfix.Host;
        settings["Triage:Smtp:Port"] = postfix.Port.ToString(CultureInfo.InvariantCulture);
        settings["Triage:Smtp:Security"] = "StartTls";
        settings["Triage:Smtp:ServerName"] = postfix.ServerName;
        settings["Triage:Smtp:TrustedCaFile"] = postfix.CaCertificateFile;
        settings["Triage:Smtp:Username"] = postfix.SaslUserName;
        settings["Triage:Smtp:Password"] = postfix.SaslPassword;
        settings["Triage:Smtp:From"] = "support@kassasystem.example";
        using var host = E2e.BuildHost(settings);
        var watch = Stopwatch.StartNew();
        await host.StartAsync(ct);
        var events = await E2e.ReceiveAsync(channel, queue, received => received.Count >= plan.ExpectedEvents, ct);
        var ingestSeconds = watch.Elapsed.TotalSeconds;
        foreach (var customer in plan.Customers)
        {
            await postfix.WaitForDeliveriesAsync(customer, 1, TimeSpan.FromMinutes(2), ct);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{total} mails → {events.Count} events in {ingestSeconds:F1} s ({total / ingestSeconds:F0} mails/s, acknowledgements on); acknowledgements delivered after {watch.Elapsed.TotalSeconds:F1} s"));
        E2e.WriteStages(output, host);

        await host.StopAsync(CancellationToken.None);

        Assert.Equal(events.Count, events.Select(e => e.MessageId).Distinct().Count());
        E2e.AssertExpected(plan, events);

        for (var i = 0; i < plan.Customers.Count; i++)
        {
            var inbox = await ReadInboxAsync(dovecot, plan.Customers[i], ct);
            var ack = MimeParser.Parse(Assert.Single(inbox));
            Assert.Contains($"[#{MailPlan.TicketNumber(i)}]", ack.Subject, StringComparison.Ordinal);
            Assert.Equal("auto-replied", ack.Headers["Auto-Submitted"]);
            Assert.Equal([MailPlan.MessageId(plan.Customers[i])], ack.InReplyTo);
        }

        foreach (var automatic in plan.AutomaticSenders)
        {
            Assert.Empty(await ReadInboxAsync(dovecot, automatic, ct));
        }
    }

    private static async Task<IReadOnlyList<byte[]>> ReadInboxAsync(DovecotServer dovecot, string user, CancellationToken ct)
    {
        using var imap = await E2e.LoginAsync(dovecot, user, ct);
        await imap.SelectAsync("INBOX", ct);
        var uids = await imap.UidSearchAsync("ALL", ct);
        return uids.Count == 0 ? [] : [.. (await imap.UidFetchAsync(uids, ImapFetchItems.Body, ct)).Select(m => m.Body!.ToArray())];
    }
}
