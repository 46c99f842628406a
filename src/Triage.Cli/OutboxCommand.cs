using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Triage.Storage;

namespace Triage.Cli;

/// <summary><c>triage outbox list|dead|resend</c>: events and acknowledgements waiting to go out, or parked.</summary>
internal static class OutboxCommand
{
    public static Command Create()
    {
        var config = TriageHost.ConfigOption();
        var data = TriageHost.DataOption();
        var limit = new Option<int>("--limit") { Description = "At most this many rows, oldest first (1-1000).", DefaultValueFactory = _ => 100 };
        var list = new Command("list", "Show pending rows: ticket events for the queue and acknowledgements for SMTP, with attempts and the last error.") { limit };
        list.SetAction((result, cancellationToken) => ShowAsync(result.GetValue(config), result.GetValue(data), OutboxStatus.Pending, result.GetValue(limit), cancellationToken));
        var dead = new Command("dead", "Show dead-lettered rows: given up after Triage:Outbox:MaxAttempts failures or refused for good, with their error.") { limit };
        dead.SetAction((result, cancellationToken) => ShowAsync(result.GetValue(config), result.GetValue(data), OutboxStatus.Dead, result.GetValue(limit), cancellationToken));
        var id = new Argument<string>("id") { Description = "The event id of a dead-lettered row (first column of `triage outbox dead`)." };
        var resend = new Command("resend", "Put a dead-lettered row back in the outbox with a fresh retry budget; the running service (or the next `triage ingest`) sends it.") { id };
        resend.SetAction((result, cancellationToken) => TicketsCommand.WithStoreAsync(result.GetValue(config), result.GetValue(data), async store =>
        {
            var eventId = result.GetValue(id)!;
            if (await store.RequeueAsync(eventId, cancellationToken).ConfigureAwait(false))
            {
                Console.WriteLine($"{eventId} is pending again.");
                return 0;
            }

            await Console.Error.WriteLineAsync($"triage outbox resend: {eventId} is not a dead-lettered row.").ConfigureAwait(false);
            return 1;
        }));
        return new Command("outbox", "Show the outbox (ticket events and acknowledgements not yet sent, or dead-lettered) and re-send dead rows.") { list, dead, resend, config, data };
    }

    private static Task<int> ShowAsync(FileInfo? config, string? data, OutboxStatus status, int limit, CancellationToken cancellationToken) =>
        TicketsCommand.WithStoreAsync(config, data, async store =>
        {
            var rows = await store.ListOutboxAsync(status, Math.Clamp(limit, 1, 1000), cancellationToken).ConfigureAwait(false);
            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn("Id", c => c.NoWrap()).AddColumn("Type", c => c.NoWrap()).AddColumn("Ticket / recipient")
                .AddColumn("Created (UTC)", c => c.NoWrap()).AddColumn("Attempts", c => c.RightAligned()).AddColumn("Next attempt (UTC)", c => c.NoWrap()).AddColumn("Last error");
            foreach (var row in rows)
            {
                var about = row.Properties.TryGetValue(OutboxTypes.RecipientProperty, out var recipient)
                    ? $"{row.Properties.GetValueOrDefault(OutboxTypes.TicketNumberProperty)} → {recipient}"
                    : row.TicketId ?? "-";
                table.AddRow(
                    row.EventId,
                    Markup.Escape(row.Type),
                    Markup.Escape(about),
                    row.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    row.Attempts.ToString(CultureInfo.InvariantCulture),
                    status == OutboxStatus.Pending ? row.NextAttemptAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "-",
                    Markup.Escape(TableText.Shorten(row.LastError ?? "-", 60)));
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine(Markup.Escape($"{rows.Count} {status.ToString().ToLowerInvariant()} rows{(rows.Count == limit ? " (limit reached)" : string.Empty)}."));
            return 0;
        });
}
