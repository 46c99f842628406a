using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Triage.Core.Ports;
using Triage.Hosting;
using Triage.Hosting.Imap;
using Triage.Hosting.Pipeline;
using Triage.Imap.Tests.Dovecot;
using Triage.Storage;
using Triage.TestServers;

namespace Triage.Imap.Tests.Poller;

/// <summary>What <c>triage run</c> composes (<see cref="TriageServiceCollectionExtensions.AddTriage"/>) against a Dovecot mailbox.</summary>
[Collection(DovecotGroup.Name)]
public sealed class AddTriageTests(DovecotFixture dovecot) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly string _data = Directory.CreateTempSubdirectory("triage-run-").FullName;

    [Fact]
    public async Task AddTriage_DovecotMailbox_TicketPerMailMovedToProcessedAndNothingOfferedAgainAfterRestart()
    {
        var account = dovecot.NewUser();
        // The harness only appends and counts here; AddTriage runs the poller.
        using var mailbox = new PollerHarness(dovecot, account);
        await mailbox.AppendAsync("run", Enumerable.Range(1, 20));

        using (var host = BuildHost(account))
        {
            Assert.IsType<IngestPipeline>(host.Services.GetRequiredService<IRawMailSink>());
            Assert.IsType<StoreCheckpoints>(host.Services.GetRequiredService<IMailboxCheckpointStore>());
            Assert.Equal(Path.Combine(_data, "oversized"), host.Services.GetRequiredService<IOptionsMonitor<ImapMailboxOptions>>().Get(ImapServiceCollectionExtensions.SectionName).OversizedDirectory);
            await host.StartAsync();
            await WaitUntilAsync(async () => await TicketCountAsync(host) == 20 && await mailbox.CountAsync("Processed") == 20);
            await host.StopAsync();
            Assert.Equal(20, HandedOver(host));
        }

        await mailbox.AppendAsync("run", Enumerable.Range(21, 5));
        using (var host = BuildHost(account))
        {
            await host.StartAsync();
            await WaitUntilAsync(async () => await TicketCountAsync(host) == 25 && await mailbox.CountAsync("Processed") == 25);
            await host.StopAsync();

            // Only the five new mails reached the pipeline: the checkpoint in SQLite survived the restart.
            Assert.Equal(5, HandedOver(host));
            var checkpoint = await host.Services.GetRequiredService<IMailboxCheckpointStore>().GetAsync($"{account.User}@{DovecotServer.Host}/INBOX", CancellationToken.None);
            Assert.Equal(25u, checkpoint!.LastUid);
        }

        Assert.Equal(0, await mailbox.CountAsync("INBOX"));
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private IHost BuildHost((string User, string Password) account)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Triage:DataDirectory"] = _data,
            ["Triage:Imap:Host"] = DovecotServer.Host,
            ["Triage:Imap:Port"] = dovecot.Server.ImapPort.ToString(CultureInfo.InvariantCulture),
            ["Triage:Imap:Security"] = "None",
            ["Triage:Imap:Username"] = account.User,
            ["Triage:Imap:Password"] = account.Password,
            ["Triage:Imap:PollInterval"] = "00:00:00.200",
        });
        builder.Logging.AddFilter(level => level >= LogLevel.Warning);
        builder.Services.AddTriage(builder.Configuration);
        return builder.Build();
    }

    /// <summary>Raw mails the poller handed to the pipeline in this process (stored or duplicate).</summary>
    private static long HandedOver(IHost host) =>
        host.Services.GetRequiredService<PipelineStats>().Snapshot().Single(stage => stage.Stage == PipelineStage.Store).Count;

    private static async Task<int> TicketCountAsync(IHost host)
    {
        var store = await host.Services.GetRequiredService<TriageStore>().GetAsync(CancellationToken.None);
        return (await store.ListTicketsAsync(TicketFilter.All, new Paging(0, 1), CancellationToken.None)).Total;
    }

    private static Task WaitUntilAsync(Func<Task<bool>> condition) => Wait.UntilAsync(condition, Patience);
}
