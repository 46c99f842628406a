using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Triage.Core.Ports;

namespace Triage.Imap.Tests.Poller;

/// <summary>
/// An in-memory pipeline entry that deduplicates by Message-ID, as the real store will. It counts how often an
/// already stored mail is offered again: with a stable UIDVALIDITY that must never happen.
/// </summary>
public sealed partial class RecordingSink : IRawMailSink
{
    private readonly ConcurrentDictionary<string, long> _stored = new(StringComparer.Ordinal);
    private int _offeredAgain;

    /// <summary>Runs before a mail is stored: delays, failures, rejections.</summary>
    public Func<string, CancellationToken, Task<SinkResult?>>? Before { get; set; }

    /// <summary>Message-ID → Stopwatch timestamp when it was stored.</summary>
    public IReadOnlyDictionary<string, long> Stored => _stored;

    public int OfferedAgainAfterStored => Volatile.Read(ref _offeredAgain);

    public async Task<SinkResult> AcceptAsync(RawMail mail, CancellationToken cancellationToken)
    {
        var id = MessageId(mail.Content.Span);
        if (Before is not null && await Before(id, cancellationToken) is { } decided)
        {
            return decided;
        }

        if (!_stored.TryAdd(id, Stopwatch.GetTimestamp()))
        {
            Interlocked.Increment(ref _offeredAgain);
            return SinkResult.Duplicate;
        }

        return SinkResult.Stored;
    }

    public static string MessageId(ReadOnlySpan<byte> mail)
    {
        var match = MessageIdHeader().Match(Encoding.UTF8.GetString(mail[..Math.Min(mail.Length, 4096)]));
        return match.Success ? match.Groups[1].Value : "(none)";
    }

    public async Task WaitForAsync(int count, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (_stored.Count < count)
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"The sink has {_stored.Count} of {count} mails after {timeout}.");
            }

            await Task.Delay(20);
        }
    }

    [GeneratedRegex(@"(?im)^Message-ID:\s*<([^>]+)>")]
    private static partial Regex MessageIdHeader();
}

/// <summary>Checkpoints and failed hand-over counts in memory; one instance outlives poller restarts like a database.</summary>
public sealed class MemoryCheckpointStore : IMailboxCheckpointStore
{
    private readonly ConcurrentDictionary<string, MailboxCheckpoint> _checkpoints = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Mailbox, uint UidValidity, uint Uid), int> _attempts = new();

    public Task<MailboxCheckpoint?> GetAsync(string mailbox, CancellationToken cancellationToken) =>
        Task.FromResult(_checkpoints.GetValueOrDefault(mailbox));

    public Task SetAsync(string mailbox, MailboxCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        _checkpoints[mailbox] = checkpoint;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<uint, int>> GetAttemptsAsync(string mailbox, uint uidValidity, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<uint, int>>(_attempts
            .Where(pair => pair.Key.Mailbox == mailbox && pair.Key.UidValidity == uidValidity)
            .ToDictionary(pair => pair.Key.Uid, pair => pair.Value));

    public Task<int> AddAttemptAsync(string mailbox, uint uidValidity, uint uid, CancellationToken cancellationToken) =>
        Task.FromResult(_attempts.AddOrUpdate((mailbox, uidValidity, uid), 1, (_, attempts) => attempts + 1));

    public Task ClearAttemptsAsync(string mailbox, uint uidValidity, uint uid, CancellationToken cancellationToken)
    {
        _attempts.TryRemove((mailbox, uidValidity, uid), out _);
        return Task.CompletedTask;
    }
}

public static class Wait
{
    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test after <paramref name="patience"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan patience)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < patience, "condition not met in time");
            await Task.Delay(50);
        }
    }
}

/// <summary>Test mail with a unique Message-ID and some body text.</summary>
public static class TestMail
{
    public static string Id(string run, int n) => $"{run}-{n}@poller.test";

    public static byte[] Create(string run, int n, int bodyBytes = 2000)
    {
        var line = $"Hej, ordern {n} har inte kommit fram. Vad händer? ";
        var body = new StringBuilder();
        while (body.Length < bodyBytes)
        {
            body.Append(line).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(
            $"From: Kund {n} <kund{n}@example.se>\r\nTo: support@example.com\r\nSubject: Order {n}\r\nMessage-ID: <{Id(run, n)}>\r\n" +
            $"Date: Mon, 4 Nov 2024 10:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}");
    }
}
