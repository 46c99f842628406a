using Microsoft.Extensions.Logging.Abstractions;
using Triage.Core.Ports;
using Triage.Hosting.Imap;
using Triage.Imap.Tests.Dovecot;
using Triage.TestServers;

namespace Triage.Imap.Tests.Poller;

/// <summary>A poller for one Dovecot user, with an in-memory sink and checkpoint store that outlive restarts.</summary>
public sealed class PollerHarness : IDisposable
{
    private readonly DovecotFixture _dovecot;
    private ImapMailboxPoller? _poller;

    public PollerHarness(DovecotFixture dovecot, (string User, string Password) account, int? port = null)
    {
        _dovecot = dovecot;
        Account = account;
        Options = new ImapMailboxOptions
        {
            Host = DovecotServer.Host,
            Port = port ?? dovecot.Server.ImapPort,
            Security = ImapSecurity.None,
            Username = account.User,
            Password = account.Password,
            BackoffInitial = TimeSpan.FromMilliseconds(20),
            BackoffMax = TimeSpan.FromMilliseconds(300),
            CommandTimeout = TimeSpan.FromSeconds(10),
            PollInterval = TimeSpan.FromMilliseconds(200),
        };
    }

    public (string User, string Password) Account { get; }

    public ImapMailboxOptions Options { get; }

    public RecordingSink Sink { get; } = new();

    public MemoryCheckpointStore Checkpoints { get; } = new();

    public ImapPollerHealth Health { get; } = new();

    public ImapMailboxHealth MailboxHealth => Health.Get(Options.DisplayName);

    public async Task StartAsync()
    {
        _poller = new ImapMailboxPoller(Options, Sink, Checkpoints, Health, NullLogger<ImapMailboxPoller>.Instance);
        await _poller.StartAsync(CancellationToken.None);
    }

    public async Task StopAsync()
    {
        if (_poller is null)
        {
            return;
        }

        using var shutdown = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await _poller.StopAsync(shutdown.Token);
        _poller.Dispose();
        _poller = null;
    }

    public async Task AppendAsync(string run, IEnumerable<int> numbers, int bodyBytes = 2000)
    {
        using var client = await _dovecot.LoginAsync(Account);
        foreach (var n in numbers)
        {
            await client.AppendAsync(Options.Mailbox, TestMail.Create(run, n, bodyBytes));
        }
    }

    public async Task<int> CountAsync(string folder)
    {
        using var client = await _dovecot.LoginAsync(Account);
        await client.EnsureMailboxAsync(folder);
        return (await client.ExamineAsync(folder)).Count;
    }

    public void Dispose() => StopAsync().GetAwaiter().GetResult();

    public Task<MailboxCheckpoint?> CheckpointAsync() => Checkpoints.GetAsync(Options.DisplayName, CancellationToken.None);
}
