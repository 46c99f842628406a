using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using Triage.Hosting.Pipeline;
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
    private const string Exchange = "triage.tickets";

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
        var connection = await new ConnectionFactory { Uri = rabbit.AmqpUri }.CreateConnectionAsync(ct);
        await using var _ = connection;
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Topic, durable: true, cancellationToken: ct);
        var queue = (await channel.QueueDeclareAsync("downstream", durable: true, exclusive: false, autoDelete: false, cancellationToken: ct)).QueueName;
        await channel.QueueBindAsync(queue, Exchange, "ticket.#", cancellationToken: ct);

        using (var imap = await LoginAsync(dovecot, "support", ct))
        {
            foreach (var mail in plan.Mails)
            {
                await imap.AppendAsync("INBOX", mail, cancellationToken: ct);
            }
        }

        var data = Directory.CreateTempSubdirectory("triage-e2e-").FullName;
        using var host = BuildHost(data, dovecot, postfix, rabbit);
        var watch = Stopwatch.StartNew();
        await host.StartAsync(ct);
        var events = new List<(string RoutingKey, string Type, string? Topic, string TicketNumber, string MessageId)>();
        while (events.Count < plan.ExpectedEvents)
        {
            var message = await channel.BasicGetAsync(queue, autoAck: true, ct);
            if (message is null)
            {
                await Task.Delay(50, ct);
                continue;
            }

            using var body = JsonDocument.Parse(message.Body);
            var root = body.RootElement;
            events.Add((message.RoutingKey, root.GetProperty("type").GetString()!, root.GetProperty("topic").GetString(), root.GetProperty("ticket_number").GetString()!, message.BasicProperties.MessageId!));
        }

        var ingestSeconds = watch.Elapsed.TotalSeconds;
        foreach (var customer in plan.Customers)
        {
            await postfix.WaitForDeliveriesAsync(customer, 1, TimeSpan.FromMinutes(2), ct);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{total} mails → {events.Count} events in {ingestSeconds:F1} s ({total / ingestSeconds:F0} mails/s, acknowledgements on); acknowledgements delivered after {watch.Elapsed.TotalSeconds:F1} s"));
        foreach (var (stage, spent, count) in host.Services.GetRequiredService<PipelineStats>().Snapshot())
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {stage,-9} {count,5} items {spent.TotalMilliseconds,8:F0} ms"));
        }

        await host.StopAsync(CancellationToken.None);

        Assert.Equal(plan.Customers.Count, events.Count(e => e.Type == "ticket.created"));
        Assert.Equal(plan.ExpectedEvents - plan.Customers.Count, events.Count(e => e.Type == "ticket.updated"));
        Assert.Equal(events.Count, events.Select(e => e.MessageId).Distinct().Count());
        Assert.All(events, e => Assert.Equal($"ticket.{e.Type["ticket.".Length..]}.{e.Topic ?? "none"}", e.RoutingKey));
        Assert.All(events, e => Assert.NotNull(e.Topic));
        var topicOf = events.Where(e => e.Type == "ticket.created").ToDictionary(e => e.TicketNumber, e => e.Topic);
        Assert.All(events, e => Assert.Equal(topicOf[e.TicketNumber], e.Topic));
        Assert.Equal(plan.FollowUpsPerTicket, events.Where(e => e.Type == "ticket.updated").GroupBy(e => e.TicketNumber).ToDictionary(g => g.Key, g => g.Count()));

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

    private static IHost BuildHost(string data, DovecotServer dovecot, PostfixServer postfix, RabbitMqServer rabbit)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Triage:DataDirectory"] = data,
            ["Triage:Queue:Kind"] = "RabbitMq",
            ["Triage:Queue:RabbitMq:Uri"] = rabbit.AmqpUri.AbsoluteUri,
            ["Triage:Queue:RabbitMq:Exchange"] = Exchange,
            ["Triage:Imap:Host"] = DovecotServer.Host,
            ["Triage:Imap:Port"] = dovecot.ImapPort.ToString(CultureInfo.InvariantCulture),
            ["Triage:Imap:Security"] = "None",
            ["Triage:Imap:Username"] = "support",
            ["Triage:Imap:Password"] = "support-pw",
            ["Triage:Imap:PollInterval"] = "00:00:00.200",
            ["Triage:Imap:FetchBatchSize"] = "200",
            ["Triage:Acknowledgements:Enabled"] = "true",
            ["Triage:Smtp:Host"] = postfix.Host,
            ["Triage:Smtp:Port"] = postfix.Port.ToString(CultureInfo.InvariantCulture),
            ["Triage:Smtp:Security"] = "StartTls",
            ["Triage:Smtp:ServerName"] = postfix.ServerName,
            ["Triage:Smtp:TrustedCaFile"] = postfix.CaCertificateFile,
            ["Triage:Smtp:Username"] = postfix.SaslUserName,
            ["Triage:Smtp:Password"] = postfix.SaslPassword,
            ["Triage:Smtp:From"] = "support@kassasystem.example",
            ["Triage:Outbox:PollInterval"] = "00:00:00.100",
        });
        builder.Logging.AddFilter(level => level >= LogLevel.Warning);
        builder.Services.AddTriage(builder.Configuration);
        return builder.Build();
    }

    private static async Task<ImapClient> LoginAsync(DovecotServer dovecot, string user, CancellationToken ct)
    {
        var imap = new ImapClient();
        await imap.ConnectAsync(DovecotServer.Host, dovecot.ImapPort, ImapSecurity.None, ct);
        await imap.LoginAsync(user, dovecot.Users[user], ct);
        return imap;
    }

    private static async Task<IReadOnlyList<byte[]>> ReadInboxAsync(DovecotServer dovecot, string user, CancellationToken ct)
    {
        using var imap = await LoginAsync(dovecot, user, ct);
        await imap.SelectAsync("INBOX", ct);
        var uids = await imap.UidSearchAsync("ALL", ct);
        return uids.Count == 0 ? [] : [.. (await imap.UidFetchAsync(uids, ImapFetchItems.Body, ct)).Select(m => m.Body!.ToArray())];
    }
}
