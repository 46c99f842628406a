using System.Diagnostics;
using System.Globalization;
using Triage.Core.Ports;
using Triage.Hosting.Imap;
using Triage.Imap.Tests.Dovecot;
using Triage.TestServers;
using Xunit.Abstractions;

namespace Triage.Imap.Tests.Poller;

/// <summary>The poller against real Dovecot: exactly-once hand-over, moves, quarantine, restarts, cuts and IDLE latency.</summary>
[Collection(DovecotGroup.Name)]
public sealed class PollerTests(DovecotFixture dovecot, ITestOutputHelper output)
{
    /// <summary>Mails in the bulk tests; <c>TRIAGE_IMAP_MAILS=1000</c> gives the acceptance run (see src/Triage.Imap/README.md).</summary>
    private static int BulkCount =>
        int.TryParse(Environment.GetEnvironmentVariable("TRIAGE_IMAP_MAILS"), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : 300;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    [Trait("Category", "ImapAcceptance")]
    public async Task Poll_BulkMailbox_EachMailHandedOnceAndMovedToProcessed()
    {
        using var harness = new PollerHarness(dovecot, dovecot.NewUser());
        var count = BulkCount;
        await harness.AppendAsync("bulk", Enumerable.Range(1, count));

        var clock = Stopwatch.StartNew();
        await harness.StartAsync();
        await harness.Sink.WaitForAsync(count, Patience);
        var elapsed = clock.Elapsed;
        await WaitUntilAsync(() => Task.FromResult(harness.MailboxHealth is { LastSuccessfulPoll: not null, Backlog: 0 }));
        await harness.StopAsync();
        output.WriteLine($"{count} mails handed over and moved in {elapsed.TotalSeconds:F2} s ({count / elapsed.TotalSeconds:F0} mails/s)");

        Assert.Equal(Enumerable.Range(1, count).Select(n => TestMail.Id("bulk", n)).Order(), harness.Sink.Stored.Keys.Order());
        Assert.Equal(0, harness.Sink.OfferedAgainAfterStored);
        Assert.Equal(0, await harness.CountAsync("INBOX"));
        Assert.Equal(count, await harness.CountAsync("Processed"));
        var health = harness.MailboxHealth;
        Assert.NotNull(health.LastSuccessfulPoll);
        Assert.Equal((0, (long)count, 0L), (health.Backlog, health.Delivered, health.Quarantined));
    }

    [Fact]
    [Trait("Category", "ImapAcceptance")]
    public async Task Poll_ConnectionCutAtRandomPoints_NoMailLostNoneHandedTwice()
    {
        using var proxy = new TcpProxy(dovecot.Server.ImapPort);
        using var harness = new PollerHarness(dovecot, dovecot.NewUser(), proxy.Port);
        var count = BulkCount;
        await harness.AppendAsync("cut", Enumerable.Range(1, count));
        // A little work per mail so the cuts land in fetches, hand-overs and moves alike.
        harness.Sink.Before = async (_, token) =>
        {
            await Task.Delay(1, token);
            return null;
        };

        await harness.StartAsync();
        var random = new Random(5);
        var cuts = 0;
        var kills = 0;
        while (harness.Sink.Stored.Count < count && cuts + kills < 40)
        {
            await Task.Delay(random.Next(30, 250));
            if ((cuts + kills) % 3 == 2)
            {
                kills += dovecot.Server.KillImapSessions() > 0 ? 1 : 0;
            }
            else if (proxy.DropAll() > 0)
            {
                cuts++;
            }
        }

        await harness.Sink.WaitForAsync(count, Patience);
        await WaitUntilAsync(async () => await harness.CountAsync("INBOX") == 0);
        await harness.StopAsync();
        output.WriteLine($"{count} mails with {cuts} socket cuts and {kills} imap process kills; {proxy.Accepted} connections; last error: {harness.MailboxHealth.LastError}");

        Assert.True(cuts + kills >= 5, $"only {cuts + kills} interruptions happened");
        Assert.True(proxy.Accepted >= 6, $"the poller reconnected only {proxy.Accepted - 1} times");
        Assert.Equal(count, harness.Sink.Stored.Count);
        Assert.Equal(0, harness.Sink.OfferedAgainAfterStored);
        Assert.Equal(count, await harness.CountAsync("Processed"));
    }

    [Fact]
    [Trait("Category", "ImapAcceptance")]
    public async Task Poll_Idle_NewMailReachesSinkWithinASecond()
    {
        using var harness = new PollerHarness(dovecot, dovecot.NewUser());
        await harness.StartAsync();
        await WaitUntilAsync(() => Task.FromResult(harness.MailboxHealth.LastSuccessfulPoll is not null));
        using var writer = await dovecot.LoginAsync(harness.Account);
        const int count = 100;
        var appended = new Dictionary<string, long>();
        for (var n = 1; n <= count; n++)
        {
            var mail = TestMail.Create("idle", n, 500);
            appended[TestMail.Id("idle", n)] = Stopwatch.GetTimestamp();
            await writer.AppendAsync("INBOX", mail);
            await Task.Delay(20);
        }

        await harness.Sink.WaitForAsync(count, Patience);
        await harness.StopAsync();

        var latencies = appended.Select(pair => Stopwatch.GetElapsedTime(pair.Value, harness.Sink.Stored[pair.Key]).TotalMilliseconds).Order().ToArray();
        var p50 = latencies[latencies.Length / 2];
        var p95 = latencies[(int)Math.Ceiling(latencies.Length * 0.95) - 1];
        output.WriteLine($"IDLE latency APPEND→sink over {count} mails: p50 {p50:F0} ms, p95 {p95:F0} ms, max {latencies[^1]:F0} ms");
        Assert.True(p95 < 5000, $"p95 {p95:F0} ms");
    }

    [Fact]
    public async Task Poll_OversizedMailWithoutDirectory_QuarantinedUnfetchedAndOthersDelivered()
    {
        using var harness = new PollerHarness(dovecot, dovecot.NewUser());
        harness.Options.MaxMessageBytes = 10_000;
        await harness.AppendAsync("big", [1, 3]);
        await harness.AppendAsync("big", [2], bodyBytes: 50_000);

        await harness.StartAsync();
        await harness.Sink.WaitForAsync(2, Patience);
        await WaitUntilAsync(async () => await harness.CountAsync("Quarantine") == 1);
        await harness.StopAsync();

        Assert.Equal([TestMail.Id("big", 1), TestMail.Id("big", 3)], harness.Sink.Stored.Keys.Order());
        Assert.Equal((1L, 0L), (harness.MailboxHealth.Quarantined, harness.MailboxHealth.Oversized));
        Assert.Equal(0, await harness.CountAsync("INBOX"));
    }

    [Fact]
    public async Task Poll_OversizedMailWithDirectory_SavedByteIdenticalQuarantinedAndNotFetchedAfterRestart()
    {
        using var harness = new PollerHarness(dovecot, dovecot.NewUser());
        var directory = Directory.CreateTempSubdirectory("triage-oversized-").FullName;
        harness.Options.MaxMessageBytes = 10_000;
        harness.Options.OversizedDirectory = directory;
        // Several times the client's 64 KiB read buffer, so the body reaches the file in many pieces.
        var big = TestMail.Create("saved", 2, bodyBytes: 300_000);
        await harness.AppendAsync("saved", [1]);
        using (var writer = await dovecot.LoginAsync(harness.Account))
        {
            await writer.AppendAsync("INBOX", big);
        }

        await harness.AppendAsync("saved", [3]);

        await harness.StartAsync();
        await harness.Sink.WaitForAsync(2, Patience);
        await WaitUntilAsync(async () => await harness.CountAsync("Quarantine") == 1);
        await harness.StopAsync();

        var validity = (await harness.CheckpointAsync())!.UidValidity;
        var file = Path.Combine(directory, $"{harness.Account.User}@{DovecotServer.Host}_INBOX-{validity}-2.eml");
        Assert.Equal([file], Directory.GetFiles(directory));
        Assert.Equal(big, await File.ReadAllBytesAsync(file));
        Assert.Equal([TestMail.Id("saved", 1), TestMail.Id("saved", 3)], harness.Sink.Stored.Keys.Order());
        Assert.Equal((1L, 1L), (harness.MailboxHealth.Quarantined, harness.MailboxHealth.Oversized));
        var written = File.GetLastWriteTimeUtc(file);

        await harness.AppendAsync("saved", [4]);
        await harness.StartAsync();
        await harness.Sink.WaitForAsync(3, Patience);
        await harness.StopAsync();

        Assert.Equal((1L, 1L), (harness.MailboxHealth.Quarantined, harness.MailboxHealth.Oversized));
        Assert.Equal(written, File.GetLastWriteTimeUtc(file));
        Assert.Equal(0, harness.Sink.OfferedAgainAfterStored);
        Assert.Equal((0, 1, 3), (await harness.CountAsync("INBOX"), await harness.CountAsync("Quarantine"), await harness.CountAsync("Processed")));
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public async Task Poll_MailFailingAcrossTwoRestarts_QuarantinedOnceAttemptsAddUp()
    {
        using var harness = new PollerHarness(dovecot, dovecot.NewUser());
        harness.Options.MaxAttempts = 2;
        // One hand-over attempt per run: the backoff after a failure outlasts the run.
        harness.Options.BackoffInitial = harness.Options.BackoffMax = TimeSpan.FromMinutes(5);
        var failures = 0;
        harness.Sink.Before = (id, _) => id == TestMail.Id("poison", 2)
            ? Task.FromException<SinkResult?>(new InvalidOperationException($"pipeline down ({Interlocked.Increment(ref failures)})"))
            : Task.FromResult<SinkResult?>(null);
        await harness.AppendAsync("poison", Enumerable.Range(1, 3));

        for (var run = 1; run <= 2; run++)
        {
            await harness.StartAsync();
            await WaitUntilAsync(() => Task.FromResult(Volatile.Read(ref failures) == run));
            await harness.StopAsync();
            var validity = (await harness.CheckpointAsync())!.UidValidity;
            Assert.Equal(new Dictionary<uint, int> { [2] = run }, await harness.Checkpoints.GetAttemptsAsync(harness.Options.DisplayName, validity, CancellationToken.None));
        }

        await harness.StartAsync();
        await harness.Sink.WaitForAsync(2, Patience);
        await WaitUntilAsync(async () => await harness.CountAsync("Quarantine") == 1);
        await harness.StopAsync();

        Assert.Equal(2, failures);
        Assert.Equal([TestMail.Id("poison", 1), TestMail.Id("poison", 3)], harness.Sink.Stored.Keys.Order());
        Assert.Equal(1, harness.MailboxHealth.Quarantined);
        var checkpoint = await harness.CheckpointAsync();
        Assert.Equal(3u, checkpoint!.LastUid);
        Assert.Empty(await harness.Checkpoints.GetAttemptsAsync(harness.Options.DisplayName, checkpoint.UidValidity, CancellationToken.None));
    }

    [Fact]
    public async Task Poll_SinkRejectsOneAndKeepsFailingAnother_BothQuarantinedRestDelivered()
    {
        using var harness = new PollerHarness(dovecot, dovecot.NewUser());
        harness.Options.MaxAttempts = 3;
        var failures = 0;
        harness.Sink.Before = (id, _) => id switch
        {
            _ when id == TestMail.Id("bad", 2) => Task.FromResult<SinkResult?>(SinkResult.Rejected("beyond parser limits")),
            _ when id == TestMail.Id("bad", 4) => Task.FromException<SinkResult?>(new InvalidOperationException($"pipeline down ({++failures})")),
            _ => Task.FromResult<SinkResult?>(null),
        };
        await harness.AppendAsync("bad", Enumerable.Range(1, 6));

        await harness.StartAsync();
        await harness.Sink.WaitForAsync(4, Patience);
        await WaitUntilAsync(async () => await harness.CountAsync("Quarantine") == 2);
        await harness.StopAsync();

        Assert.Equal(new[] { 1, 3, 5, 6 }.Select(n => TestMail.Id("bad", n)).Order(), harness.Sink.Stored.Keys.Order());
        Assert.Equal(3, failures);
        Assert.Equal(2, harness.MailboxHealth.Quarantined);
        Assert.Contains("pipeline down", harness.MailboxHealth.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poll_RestartAfterStop_ResumesWithoutHandingOverAgain()
    {
        using var harness = new PollerHarness(dovecot, dovecot.NewUser());
        harness.Options.AfterProcessing = ProcessedAction.Flag;
        await harness.AppendAsync("restart", Enumerable.Range(1, 20));
        await harness.StartAsync();
        await harness.Sink.WaitForAsync(20, Patience);
        await harness.StopAsync();

        await harness.AppendAsync("restart", Enumerable.Range(21, 5));
        await harness.StartAsync();
        await harness.Sink.WaitForAsync(25, Patience);
        await harness.StopAsync();

        Assert.Equal(0, harness.Sink.OfferedAgainAfterStored);
        Assert.Equal(25, await harness.CountAsync("INBOX"));
        using var client = await dovecot.LoginAsync(harness.Account);
        await client.ExamineAsync("INBOX");
        Assert.Empty(await client.UidSearchAsync("UNKEYWORD $Triaged"));
        Assert.Empty(await client.UidSearchAsync("UNSEEN"));
    }

    [Fact]
    public async Task Poll_UidValidityChanged_RescansAndLosesNothing()
    {
        using var harness = new PollerHarness(dovecot, dovecot.NewUser());
        await harness.AppendAsync("validity", Enumerable.Range(1, 10));
        // A checkpoint from an older incarnation of the folder, far past every current UID.
        await harness.Checkpoints.SetAsync(harness.Options.DisplayName, new MailboxCheckpoint(12345, 1_000_000), CancellationToken.None);

        await harness.StartAsync();
        await harness.Sink.WaitForAsync(10, Patience);
        await harness.StopAsync();

        Assert.Equal(10, harness.Sink.Stored.Count);
        var checkpoint = await harness.CheckpointAsync();
        Assert.NotEqual(12345u, checkpoint!.UidValidity);
        Assert.Equal(10u, checkpoint.LastUid);
    }

    [Fact]
    public async Task Stop_WhileSinkHoldsAMail_FinishesItAndCheckpointsIt()
    {
        using var harness = new PollerHarness(dovecot, dovecot.NewUser());
        using var inSink = new SemaphoreSlim(0);
        harness.Sink.Before = async (_, token) =>
        {
            inSink.Release();
            await Task.Delay(300, token);
            return null;
        };
        await harness.AppendAsync("stop", Enumerable.Range(1, 10));

        await harness.StartAsync();
        Assert.True(await inSink.WaitAsync(Patience));
        await harness.StopAsync();

        var stored = harness.Sink.Stored.Count;
        Assert.InRange(stored, 1, 9);
        Assert.Equal((uint)stored, (await harness.CheckpointAsync())!.LastUid);

        harness.Sink.Before = null;
        await harness.StartAsync();
        await harness.Sink.WaitForAsync(10, Patience);
        await harness.StopAsync();
        Assert.Equal(0, harness.Sink.OfferedAgainAfterStored);
        Assert.Equal(10, await harness.CountAsync("Processed"));
    }

    [Fact]
    public async Task Poll_ServerUnreachable_BacksOffAndReportsTheError()
    {
        using var harness = new PollerHarness(dovecot, dovecot.NewUser(), FreeTcpPort.Next());

        await harness.StartAsync();
        await WaitUntilAsync(() => Task.FromResult(harness.MailboxHealth.LastError is not null));
        await harness.StopAsync();

        Assert.False(harness.MailboxHealth.Connected);
        Assert.Contains("Could not connect", harness.MailboxHealth.LastError, StringComparison.Ordinal);
        Assert.Null(harness.MailboxHealth.LastSuccessfulPoll);
    }

    private static Task WaitUntilAsync(Func<Task<bool>> condition) => Wait.UntilAsync(condition, Patience);
}
