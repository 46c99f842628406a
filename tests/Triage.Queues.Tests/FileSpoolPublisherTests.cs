using System.Text;
using System.Text.Json;
using Triage.Core.Ports;

namespace Triage.Queues.Tests;

public sealed class FileSpoolPublisherTests : IDisposable
{
    private readonly DirectoryInfo _spool = Directory.CreateTempSubdirectory("triage-spool-");

    public void Dispose() => _spool.Delete(recursive: true);

    [Fact]
    public async Task PublishAsync_Event_WritesEnvelopeWithIdTypePropertiesAndBody()
    {
        var item = Events.Ticket(1, EventTypes.TicketUpdated, topic: "order");

        await new FileSpoolPublisher(_spool.FullName).PublishAsync([item], CancellationToken.None);

        var file = Assert.Single(ConsumerVisibleFiles());
        Assert.Equal("20250314T0926540000000Z-evt-000001.json", Path.GetFileName(file));
        using var envelope = JsonDocument.Parse(await File.ReadAllBytesAsync(file));
        var root = envelope.RootElement;
        Assert.Equal("evt-000001", root.GetProperty("id").GetString());
        Assert.Equal("ticket.updated", root.GetProperty("type").GetString());
        Assert.Equal("SUP-100001", root.GetProperty("ticketId").GetString());
        Assert.Equal(item.OccurredAt, root.GetProperty("occurredAt").GetDateTimeOffset());
        Assert.Equal("order", root.GetProperty("properties").GetProperty("topic").GetString());
        Assert.Equal("support-se", root.GetProperty("properties").GetProperty("route").GetString());
        using var body = JsonDocument.Parse(item.Body);
        Assert.True(JsonElement.DeepEquals(body.RootElement, root.GetProperty("body")));
    }

    [Fact]
    public async Task PublishAsync_SameEventTwice_KeepsOneUnchangedFile()
    {
        var publisher = new FileSpoolPublisher(_spool.FullName);
        var item = Events.Ticket(2);
        await publisher.PublishAsync([item], CancellationToken.None);
        var file = Assert.Single(ConsumerVisibleFiles());
        var written = File.GetLastWriteTimeUtc(file);

        await publisher.PublishAsync([item with { Body = Encoding.UTF8.GetBytes("""{"changed":true}""") }], CancellationToken.None);

        Assert.Equal(file, Assert.Single(ConsumerVisibleFiles()));
        Assert.Equal(written, File.GetLastWriteTimeUtc(file));
        Assert.DoesNotContain("changed", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        Assert.Empty(_spool.GetFiles(".*"));
    }

    [Fact]
    public async Task PublishAsync_AfterCrashBeforeRename_ReplacesTheLeftTempFile()
    {
        var item = Events.Ticket(3);
        var temp = Path.Combine(_spool.FullName, ".evt-000003.tmp");
        await File.WriteAllTextAsync(temp, """{"id":"evt-000003","ty""");
        Assert.Empty(ConsumerVisibleFiles());

        await new FileSpoolPublisher(_spool.FullName).PublishAsync([item], CancellationToken.None);

        Assert.False(File.Exists(temp));
        using var envelope = JsonDocument.Parse(await File.ReadAllBytesAsync(Assert.Single(ConsumerVisibleFiles())));
        Assert.Equal("ticket.created", envelope.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public async Task PublishAsync_AfterCrashBetweenLinkAndUnlink_RemovesTheTempFileAndKeepsTheEvent()
    {
        var publisher = new FileSpoolPublisher(_spool.FullName);
        var item = Events.Ticket(4);
        await publisher.PublishAsync([item], CancellationToken.None);
        var temp = Path.Combine(_spool.FullName, ".evt-000004.tmp");
        File.Copy(Assert.Single(ConsumerVisibleFiles()), temp);

        await publisher.PublishAsync([item], CancellationToken.None);

        Assert.False(File.Exists(temp));
        Assert.Single(ConsumerVisibleFiles());
    }

    [Fact]
    public async Task PublishAsync_WhileAConsumerPolls_ConsumerNeverSeesAPartialFile()
    {
        var publisher = new FileSpoolPublisher(_spool.FullName);
        var events = Events.Tickets(150, bodyPadding: 64 * 1024);
        using var done = new CancellationTokenSource();
        var reads = 0;
        var consumer = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                foreach (var file in ConsumerVisibleFiles())
                {
                    // A half-written file would not parse or would lack its closing fields.
                    using var envelope = JsonDocument.Parse(await File.ReadAllBytesAsync(file));
                    Assert.Equal(64 * 1024, envelope.RootElement.GetProperty("body").GetProperty("text").GetString()!.Length);
                    Interlocked.Increment(ref reads);
                }
            }
        });

        foreach (var chunk in events.Chunk(10))
        {
            await publisher.PublishAsync(chunk, CancellationToken.None);
        }

        // How often the consumer got in between depends on the machine's load; it must have read while writing went on.
        var readsWhileWriting = Volatile.Read(ref reads);
        await done.CancelAsync();
        await consumer;
        Assert.Equal(150, ConsumerVisibleFiles().Count);
        Assert.True(readsWhileWriting > 0, "the consumer never read a file while events were written");
    }

    [Fact]
    public async Task PublishAsync_ConcurrentCallsWithOverlappingEvents_WriteEachEventOnce()
    {
        var publisher = new FileSpoolPublisher(_spool.FullName);
        var events = Events.Tickets(60);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(seed => Task.Run(() =>
            publisher.PublishAsync(events.OrderBy(_ => Random.Shared.Next()).ToList(), CancellationToken.None))));

        Assert.Equal(events.Select(FileSpoolPublisher.FileNameFor).Order(StringComparer.Ordinal), ConsumerVisibleFiles().Select(Path.GetFileName));
        Assert.Empty(_spool.GetFiles(".*"));
    }

    [Fact]
    public async Task PublishAsync_TwoPublishersOnOneFolder_NeverDuplicateAndFailOnlyRetryably()
    {
        // Two instances stand for two processes: they share no in-process lock, only the temp file's.
        var events = Events.Tickets(40);
        var publishers = new[] { new FileSpoolPublisher(_spool.FullName), new FileSpoolPublisher(_spool.FullName) };

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await publishers[i % 2].PublishAsync(events, CancellationToken.None);
                return null;
            }
            catch (PublishException ex)
            {
                return ex;
            }
        })));

        Assert.All(outcomes.OfType<PublishException>(), ex => Assert.True(ex.Retryable));
        await publishers[0].PublishAsync(events, CancellationToken.None);
        Assert.Equal(40, ConsumerVisibleFiles().Count);
        Assert.Empty(_spool.GetFiles(".*"));
    }

    [Fact]
    public void FileNameFor_EventsInTimeOrder_SortInTheSameOrder()
    {
        var inTimeOrder = new[]
        {
            Events.Ticket(1) with { EventId = "z", OccurredAt = Events.Start.AddTicks(1) },
            Events.Ticket(1) with { EventId = "y", OccurredAt = new DateTimeOffset(2025, 3, 14, 11, 30, 0, TimeSpan.FromHours(2)) },
            Events.Ticket(1) with { EventId = "a", OccurredAt = Events.Start.AddYears(1) },
        };

        var names = inTimeOrder.Reverse().Select(FileSpoolPublisher.FileNameFor).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["20250314T0926530000001Z-z.json", "20250314T0930000000000Z-y.json", "20260314T0926530000000Z-a.json"], names);
    }

    [Fact]
    public async Task PublishAsync_BodyIsNotJson_FailsNotRetryableWithoutWritingAnything()
    {
        var good = Events.Ticket(1);
        var bad = Events.Ticket(2) with { Body = Encoding.UTF8.GetBytes("{\"truncated\":") };

        var ex = await Assert.ThrowsAsync<PublishException>(() => new FileSpoolPublisher(_spool.FullName).PublishAsync([good, bad], CancellationToken.None));

        Assert.False(ex.Retryable);
        Assert.Equal("evt-000002", ex.EventId);
        Assert.Single(ConsumerVisibleFiles());
        Assert.Empty(_spool.GetFiles(".*"));
    }

    [Fact]
    public async Task PublishAsync_PlainTextBody_IsKeptAsAJsonString()
    {
        var item = Events.Ticket(1) with { ContentType = "text/plain; charset=utf-8", Body = Encoding.UTF8.GetBytes("Hej \"där\"") };

        await new FileSpoolPublisher(_spool.FullName).PublishAsync([item], CancellationToken.None);

        using var envelope = JsonDocument.Parse(await File.ReadAllBytesAsync(Assert.Single(ConsumerVisibleFiles())));
        Assert.Equal("Hej \"där\"", envelope.RootElement.GetProperty("body").GetString());
    }

    [Fact]
    public async Task PublishAsync_SpoolPathIsAFile_FailsRetryably()
    {
        var blocked = Path.Combine(_spool.FullName, "not-a-folder");
        await File.WriteAllTextAsync(blocked, "");

        var ex = await Assert.ThrowsAsync<PublishException>(() => new FileSpoolPublisher(blocked).PublishAsync([Events.Ticket(1)], CancellationToken.None));

        Assert.True(ex.Retryable);
        Assert.Contains(blocked, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".hidden")]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("evt\r\nX-Forged: 1")]
    public async Task PublishAsync_UnsafeEventId_FailsNotRetryableWithoutWritingAnything(string eventId)
    {
        var ex = await Assert.ThrowsAsync<PublishException>(() =>
            new FileSpoolPublisher(_spool.FullName).PublishAsync([Events.Ticket(1) with { EventId = eventId }], CancellationToken.None));

        Assert.False(ex.Retryable);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Empty(_spool.GetFileSystemInfos());
        Assert.Empty(_spool.Parent!.GetFiles("escape*"));
    }

    // What a consumer reads: finished event files, never dot-files (temp files in the making).
    private List<string> ConsumerVisibleFiles() =>
        _spool.GetFiles("*.json").Where(f => !f.Name.StartsWith('.')).Select(f => f.FullName).Order(StringComparer.Ordinal).ToList();
}
