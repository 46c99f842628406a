using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Triage.TestServers;
using Xunit.Abstractions;

namespace Triage.Hosting.Tests.EndToEnd;

/// <summary>A fact that runs only when <c>TRIAGE_E2E_ACCEPTANCE=1</c>: the long acceptance runs of tests/tools/e2e_*.sh.</summary>
public sealed class AcceptanceFactAttribute : FactAttribute
{
    public AcceptanceFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("TRIAGE_E2E_ACCEPTANCE") != "1")
        {
            Skip = "A long acceptance run: set TRIAGE_E2E_ACCEPTANCE=1 (tests/tools/e2e_throughput.sh, e2e_crash.sh, e2e_outage.sh).";
        }
    }
}

/// <summary>
/// Issue 6's acceptance runs against Dovecot and RabbitMQ on loopback, 1,000 mixed mails each (TRIAGE_E2E_MAILS):
/// throughput with acknowledgements off, kill -9 of <c>triage run</c> ten times, a 60 s broker outage.
/// </summary>
[Trait("Category", "Integration")]
public sealed class AcceptanceTests(ITestOutputHelper output)
{
    private static readonly int Total = int.TryParse(Environment.GetEnvironmentVariable("TRIAGE_E2E_MAILS"), CultureInfo.InvariantCulture, out var n) ? n : 1000;

    [AcceptanceFact]
    public async Task Throughput_ImapToRabbitMq_ReportsMedianOfThreeRuns()
    {
        var plan = MailPlan.Create(Total);
        string[] users = ["run1", "run2", "run3"];
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var ct = timeout.Token;
        using var dovecot = await DovecotServer.StartAsync(users.ToDictionary(u => u, u => "pw-" + u), ct);
        await using var rabbit = await RabbitMqServer.StartAsync(ct);
        var rates = new List<double>();
        foreach (var user in users)
        {
            await E2e.AppendAsync(dovecot, user, plan.Mails, ct);
            var (connection, channel, queue) = await E2e.DownstreamAsync(rabbit, "downstream", ct);
            await using var _ = connection;
            await using var __ = channel;
            using var host = E2e.BuildHost(E2e.Settings(Directory.CreateTempSubdirectory("triage-bench-").FullName, dovecot, rabbit, user));
            var watch = Stopwatch.StartNew();
            await host.StartAsync(ct);
            var events = await E2e.ReceiveAsync(channel, queue, received => received.Count >= plan.ExpectedEvents, ct);
            var seconds = watch.Elapsed.TotalSeconds;
            await host.StopAsync(CancellationToken.None);
            E2e.AssertExpected(plan, events);
            rates.Add(Total / seconds);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{user}: {Total} mails → {events.Count} events on RabbitMQ in {seconds:F2} s = {Total / seconds:F0} mails/s (acknowledgements off)"));
            E2e.WriteStages(output, host);
        }

        rates.Sort();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median of 3: {rates[1]:F0} mails/s (runs: {string.Join(", ", rates.Select(r => r.ToString("F0", CultureInfo.InvariantCulture)))})"));
    }

    [AcceptanceFact]
    public async Task Crash_KilledTenTimesWhileIngesting_EveryMailInOneTicketEveryEventPublished()
    {
        var plan = MailPlan.Create(Total);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var ct = timeout.Token;
        using var dovecot = await DovecotServer.StartAsync(new Dictionary<string, string> { ["support"] = "support-pw" }, ct);
        await using var rabbit = await RabbitMqServer.StartAsync(ct);
        var (connection, channel, queue) = await E2e.DownstreamAsync(rabbit, "downstream", ct);
        await using var _ = connection;
        await using var __ = channel;
        await E2e.AppendAsync(dovecot, "support", plan.Mails, ct);
        var data = Directory.CreateTempSubdirectory("triage-crash-").FullName;
        var settings = E2e.Settings(data, dovecot, rabbit);
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var watch = Stopwatch.StartNew();
        for (var kill = 1; kill <= 10; kill++)
        {
            using var service = TriageRun.Start(settings);
            await service.Started.WaitAsync(ct);
            var after = TimeSpan.FromMilliseconds(random.Next(200, 2000));
            await Task.Delay(after, ct);
            service.Kill();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"kill -9 #{kill} {after.TotalSeconds:F1} s after start: {Count(data, "SELECT COUNT(*) FROM messages WHERE direction <> 'outbound'")} stored, {Count(data, "SELECT COUNT(*) FROM messages WHERE processed_at IS NOT NULL AND direction <> 'outbound'")} processed, {Count(data, "SELECT COUNT(*) FROM outbox WHERE status = 'sent'")} events marked sent"));
        }

        using (var last = TriageRun.Start(settings))
        {
            var events = await E2e.ReceiveAsync(channel, queue, received => received.Select(e => e.MessageId).Distinct().Count() >= plan.ExpectedEvents, ct);
            while (Count(data, "SELECT COUNT(*) FROM outbox WHERE status <> 'sent'") > 0 || Count(data, "SELECT COUNT(*) FROM messages WHERE processed_at IS NULL") > 0)
            {
                await Task.Delay(200, ct);
            }

            // Anything still in flight from the last round arrives now.
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
            events.AddRange(await E2e.ReceiveWaitingAsync(channel, queue, ct));
            last.Kill();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seed {seed}: {Total} mails, 10 kills, done after {watch.Elapsed.TotalSeconds:F1} s; {events.Count} deliveries of {events.Select(e => e.MessageId).Distinct().Count()} events ({events.Count - events.Select(e => e.MessageId).Distinct().Count()} redelivered)"));

            E2e.AssertExpected(plan, events);
            var published = events.Select(e => e.MessageId).ToHashSet(StringComparer.Ordinal);
            var outbox = Strings(data, "SELECT event_id FROM outbox WHERE channel = 'events'");
            Assert.Equal(plan.ExpectedEvents, outbox.Count);
            Assert.True(published.SetEquals(outbox), "every outbox event, and nothing else, is on the queue under its own id");
        }

        Assert.Equal(Total, Count(data, "SELECT COUNT(*) FROM messages WHERE direction <> 'outbound'"));
        Assert.Equal(Total, Count(data, "SELECT COUNT(DISTINCT message_id) FROM messages WHERE direction <> 'outbound'"));
        Assert.Equal(plan.ExpectedEvents, Count(data, "SELECT COUNT(*) FROM messages WHERE kind = 'human' AND ticket_id IS NOT NULL"));
        Assert.Equal(0, Count(data, "SELECT COUNT(*) FROM messages WHERE kind = 'human' AND ticket_id IS NULL"));
        Assert.Equal(plan.Customers.Count, Count(data, "SELECT COUNT(*) FROM tickets"));
        using var imap = await E2e.LoginAsync(dovecot, "support", ct);
        Assert.Equal(0, (await imap.SelectAsync("INBOX", ct)).Count);
        Assert.Equal(Total, (await imap.SelectAsync("Processed", ct)).Count);
    }

    [AcceptanceFact]
    public async Task BrokerOutage_SixtySecondsDuringIngest_NothingLostBacklogDrains()
    {
        var plan = MailPlan.Create(Total);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        var ct = timeout.Token;
        using var dovecot = await DovecotServer.StartAsync(new Dictionary<string, string> { ["support"] = "support-pw" }, ct);
        await using var rabbit = await RabbitMqServer.StartAsync(ct);
        var half = plan.Mails.Count / 2;
        await E2e.AppendAsync(dovecot, "support", plan.Mails.Take(half), ct);
        var data = Directory.CreateTempSubdirectory("triage-outage-").FullName;
        var events = new List<ReceivedEvent>();
        var (connection, channel, queue) = await E2e.DownstreamAsync(rabbit, "downstream", ct);
        using var host = E2e.BuildHost(E2e.Settings(data, dovecot, rabbit));
        await host.StartAsync(ct);
        events.AddRange(await E2e.ReceiveAsync(channel, queue, received => received.Count > 0, ct));
        await channel.DisposeAsync();
        await connection.DisposeAsync();

        var outage = Stopwatch.StartNew();
        await rabbit.StopNodeAsync();
        await E2e.AppendAsync(dovecot, "support", plan.Mails.Skip(half), ct);
        await Task.Delay(TimeSpan.FromSeconds(60) - outage.Elapsed, ct);
        var pendingAtReturn = Count(data, "SELECT COUNT(*) FROM outbox WHERE status = 'pending'");
        var processedAtReturn = Count(data, "SELECT COUNT(*) FROM messages WHERE processed_at IS NOT NULL AND direction <> 'outbound'");
        await rabbit.StartNodeAsync(ct);
        var down = outage.Elapsed;
        (connection, channel, queue) = await E2e.DownstreamAsync(rabbit, "downstream", ct, keep: true);
        await using var _ = connection;
        await using var __ = channel;
        var back = Stopwatch.StartNew();
        events.AddRange(await E2e.ReceiveAsync(channel, queue, received => events.Count + received.Count >= plan.ExpectedEvents && received.Select(e => e.MessageId).Concat(events.Select(e => e.MessageId)).Distinct().Count() >= plan.ExpectedEvents, ct));
        var drained = back.Elapsed;
        await host.StopAsync(CancellationToken.None);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"broker down {down.TotalSeconds:F0} s (stop to AMQP answering again); meanwhile {processedAtReturn} of {Total} mails processed, {pendingAtReturn} events waiting in the outbox; all {plan.ExpectedEvents} events on the queue {drained.TotalSeconds:F1} s after it returned"));
        E2e.WriteStages(output, host);

        E2e.AssertExpected(plan, events);
        Assert.Equal(0, Count(data, "SELECT COUNT(*) FROM outbox WHERE status <> 'sent'"));
        Assert.Equal(Total, processedAtReturn);
    }

    /// <summary>A count from the service's database; 0 before the service has created it.</summary>
    private static long Count(string data, string sql)
    {
        if (!File.Exists(Path.Combine(data, "triage.db")))
        {
            return 0;
        }

        using var connection = Open(data);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static HashSet<string> Strings(string data, string sql)
    {
        using var connection = Open(data);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private static SqliteConnection Open(string data)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(data, "triage.db"), Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 30 }.ToString());
        connection.Open();
        return connection;
    }
}
