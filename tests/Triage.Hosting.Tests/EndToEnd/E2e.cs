using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using Triage.Hosting.Pipeline;
using Triage.Imap;
using Triage.TestServers;
using Xunit.Abstractions;

namespace Triage.Hosting.Tests.EndToEnd;

/// <summary>A ticket event as read from RabbitMQ.</summary>
public sealed record ReceivedEvent(string RoutingKey, string Type, string? Topic, string TicketNumber, string MessageId);

/// <summary>What the end-to-end and acceptance tests share: service settings, IMAP access, the downstream queue.</summary>
public static class E2e
{
    public const string Exchange = "triage.tickets";

    /// <summary>The service reading <paramref name="user"/>'s INBOX and publishing to RabbitMQ, acknowledgements off.</summary>
    public static Dictionary<string, string?> Settings(string data, DovecotServer dovecot, RabbitMqServer rabbit, string user = "support") => new()
    {
        ["Triage:DataDirectory"] = data,
        ["Triage:Queue:Kind"] = "RabbitMq",
        ["Triage:Queue:RabbitMq:Uri"] = rabbit.AmqpUri.AbsoluteUri,
        ["Triage:Queue:RabbitMq:Exchange"] = Exchange,
        ["Triage:Imap:Host"] = DovecotServer.Host,
        ["Triage:Imap:Port"] = dovecot.ImapPort.ToString(CultureInfo.InvariantCulture),
        ["Triage:Imap:Security"] = "None",
        ["Triage:Imap:Username"] = user,
        ["Triage:Imap:Password"] = dovecot.Users[user],
        ["Triage:Imap:PollInterval"] = "00:00:00.200",
        ["Triage:Outbox:PollInterval"] = "00:00:00.100",
    };

    public static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddFilter(level => level >= LogLevel.Warning);
        builder.Services.AddTriage(builder.Configuration);
        return builder.Build();
    }

    /// <summary>Time per pipeline stage since the host started: total and per item.</summary>
    public static void WriteStages(ITestOutputHelper output, IHost host)
    {
        foreach (var (stage, spent, count) in host.Services.GetRequiredService<PipelineStats>().Snapshot())
        {
            var each = count == 0 ? 0 : spent.TotalMilliseconds / count;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {stage,-9} {count,5} items {spent.TotalMilliseconds,8:F0} ms  {each,6:F2} ms/item"));
        }
    }

    public static async Task<ImapClient> LoginAsync(DovecotServer dovecot, string user, CancellationToken ct)
    {
        var imap = new ImapClient();
        await imap.ConnectAsync(DovecotServer.Host, dovecot.ImapPort, ImapSecurity.None, ct);
        await imap.LoginAsync(user, dovecot.Users[user], ct);
        return imap;
    }

    public static async Task AppendAsync(DovecotServer dovecot, string user, IEnumerable<byte[]> mails, CancellationToken ct)
    {
        using var imap = await LoginAsync(dovecot, user, ct);
        foreach (var mail in mails)
        {
            await imap.AppendAsync("INBOX", mail, cancellationToken: ct);
        }
    }

    /// <summary>A durable queue bound to every ticket event (emptied unless <paramref name="keep"/>); the caller disposes the connection.</summary>
    public static async Task<(IConnection Connection, IChannel Channel, string Queue)> DownstreamAsync(RabbitMqServer rabbit, string queue, CancellationToken ct, bool keep = false)
    {
        var connection = await new ConnectionFactory { Uri = rabbit.AmqpUri }.CreateConnectionAsync(ct);
        var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Topic, durable: true, cancellationToken: ct);
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: ct);
        await channel.QueueBindAsync(queue, Exchange, "ticket.#", cancellationToken: ct);
        if (!keep)
        {
            await channel.QueuePurgeAsync(queue, ct);
        }

        return (connection, channel, queue);
    }

    /// <summary>Takes events off the queue until <paramref name="done"/> says enough.</summary>
    public static async Task<List<ReceivedEvent>> ReceiveAsync(IChannel channel, string queue, Func<List<ReceivedEvent>, bool> done, CancellationToken ct)
    {
        var events = new List<ReceivedEvent>();
        while (!done(events))
        {
            if (await GetAsync(channel, queue, ct) is { } received)
            {
                events.Add(received);
            }
            else
            {
                await Task.Delay(50, ct);
            }
        }

        return events;
    }

    /// <summary>Takes the events waiting on the queue now.</summary>
    public static async Task<List<ReceivedEvent>> ReceiveWaitingAsync(IChannel channel, string queue, CancellationToken ct)
    {
        var events = new List<ReceivedEvent>();
        while (await GetAsync(channel, queue, ct) is { } received)
        {
            events.Add(received);
        }

        return events;
    }

    private static async Task<ReceivedEvent?> GetAsync(IChannel channel, string queue, CancellationToken ct)
    {
        var message = await channel.BasicGetAsync(queue, autoAck: true, ct);
        if (message is null)
        {
            return null;
        }

        using var body = JsonDocument.Parse(message.Body);
        var root = body.RootElement;
        return new(message.RoutingKey, root.GetProperty("type").GetString()!, root.GetProperty("topic").GetString(), root.GetProperty("ticket_number").GetString()!, message.BasicProperties.MessageId!);
    }

    /// <summary>Tickets and events as the plan expects them, whatever the order and however often each event came.</summary>
    public static void AssertExpected(MailPlan plan, IReadOnlyCollection<ReceivedEvent> events)
    {
        var unique = events.GroupBy(e => e.MessageId, StringComparer.Ordinal).Select(g => g.First()).ToList();
        Assert.All(events.GroupBy(e => e.MessageId, StringComparer.Ordinal), g => Assert.Single(g.Select(e => (e.Type, e.TicketNumber)).Distinct()));
        Assert.Equal(plan.Customers.Count, unique.Count(e => e.Type == "ticket.created"));
        Assert.Equal(plan.ExpectedEvents - plan.Customers.Count, unique.Count(e => e.Type == "ticket.updated"));
        Assert.All(unique, e => Assert.Equal($"ticket.{e.Type["ticket.".Length..]}.{e.Topic ?? "none"}", e.RoutingKey));
        Assert.All(unique, e => Assert.NotNull(e.Topic));
        var topicOf = unique.Where(e => e.Type == "ticket.created").ToDictionary(e => e.TicketNumber, e => e.Topic);
        Assert.All(unique, e => Assert.Equal(topicOf[e.TicketNumber], e.Topic));
        Assert.Equal(plan.FollowUpsPerTicket, unique.Where(e => e.Type == "ticket.updated").GroupBy(e => e.TicketNumber).ToDictionary(g => g.Key, g => g.Count()));
    }
}
