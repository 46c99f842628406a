using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Spectre.Console;
using Triage.Core.Ports;
using Triage.Core.Tickets;
using Triage.Hosting.Acknowledgements;
using Triage.Hosting.Outbox;
using Triage.Hosting.Pipeline;
using Triage.Queues;
using Triage.Storage;

namespace Triage.Cli;

/// <summary><c>triage ingest PATH...</c>: the service's pipeline over mail files, without IMAP.</summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Mail files, or folders whose files (any extension, recursively; dot-files skipped) are all read as mail.",
            Arity = ArgumentArity.OneOrMore,
        };
        var config = TriageHost.ConfigOption();
        var data = TriageHost.DataOption();
        var noPublish = new Option<bool>("--no-publish") { Description = "Leave the ticket events (and acknowledgements) in the outbox for `triage run` instead of publishing them now." };
        var timings = new Option<bool>("--timings") { Description = "Print the time spent in each stage (store, parse, classify, thread, apply, publish)." };
        var command = new Command(
            "ingest",
            "Run the pipeline on mail files: store each mail (a mail stored before is skipped), thread it into a new or existing ticket, publish the ticket events to the configured queue (default: one JSON file per event in <data>/spool) and print the tickets created or updated. Acknowledgements are sent only when Triage:Acknowledgements:Enabled and Triage:Smtp are set.")
        {
            paths,
            config,
            data,
            noPublish,
            timings,
        };
        command.SetAction((result, cancellationToken) => TriageHost.GuardAsync("ingest", () =>
            RunAsync(result.GetValue(paths)!, result.GetValue(config), result.GetValue(data), result.GetValue(noPublish), result.GetValue(timings), cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(string[] paths, FileInfo? config, string? data, bool noPublish, bool timings, CancellationToken cancellationToken)
    {
        var missing = paths.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToList();
        if (missing.Count > 0)
        {
            await Console.Error.WriteLineAsync("triage ingest: not found: " + string.Join(", ", missing)).ConfigureAwait(false);
            return 2;
        }

        using var host = TriageHost.Build(config, data, LogLevel.Warning);
        var services = host.Services;
        var pipeline = services.GetRequiredService<IngestPipeline>();
        var files = MailFiles.Expand(paths).ToList();
        var notMail = files.Where(f => !LooksLikeMail(f)).ToList();
        files = [.. files.Except(notMail)];
        var counts = new Dictionary<SinkOutcome, int>();
        var unreadable = 0;
        var reports = new List<IngestReport>();
        var published = 0;
        var acknowledged = 0;
        async Task WorkAsync(ProgressContext? context)
        {
            var storing = context?.AddTask($"Storing {files.Count} mails", maxValue: Math.Max(1, files.Count));
            foreach (var file in files)
            {
                try
                {
                    var outcome = (await pipeline.StoreAsync(await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false), null, flush: true, cancellationToken).ConfigureAwait(false)).Outcome;
                    counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    unreadable++;
                    await Console.Error.WriteLineAsync($"triage ingest: cannot read {file}: {e.Message}").ConfigureAwait(false);
                }

                storing?.Increment(1);
            }

            var processing = context?.AddTask("Threading into tickets", maxValue: Math.Max(1, counts.GetValueOrDefault(SinkOutcome.Stored)));
            reports.AddRange(await pipeline.ProcessPendingAsync(_ => processing?.Increment(1), cancellationToken).ConfigureAwait(false));
            processing?.Value = processing.MaxValue;
            if (!noPublish)
            {
                context?.AddTask("Publishing events", maxValue: 1).IsIndeterminate = true;
                published = await services.GetRequiredService<OutboxDispatcher>().DrainAsync(cancellationToken).ConfigureAwait(false);
                acknowledged = await services.GetRequiredService<AcknowledgementSender>().DrainAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        // Redirected output gets the table only, not the progress bars' lines.
        if (Console.IsOutputRedirected)
        {
            await WorkAsync(null).ConfigureAwait(false);
        }
        else
        {
            await AnsiConsole.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(WorkAsync).ConfigureAwait(false);
        }

        WriteTable(reports);
        var store = await services.GetRequiredService<TriageStore>().GetAsync(cancellationToken).ConfigureAwait(false);
        var pending = (await store.ListOutboxAsync(OutboxStatus.Pending, 1000, cancellationToken).ConfigureAwait(false)).Count(e => e.Channel == OutboxChannel.Events);
        if (notMail.Count > 0)
        {
            AnsiConsole.MarkupLine(Markup.Escape($"Skipped {notMail.Count} files that do not start with a mail header: {string.Join(", ", notMail.Select(Path.GetFileName).Take(5))}{(notMail.Count > 5 ? ", …" : string.Empty)}"));
        }

        WriteSummary(files.Count, counts, unreadable, reports, published, acknowledged, pending, services);
        if (timings)
        {
            WriteTimings(services.GetRequiredService<PipelineStats>());
        }

        return unreadable > 0 || reports.Any(r => r.Result is null) ? 1 : 0;
    }

    /// <summary>
    /// A mail file starts with a header field ("Name: value") or an mbox "From " line; a README or manifest beside the
    /// mail in a folder does not, and is skipped rather than opening an empty ticket.
    /// </summary>
    private static bool LooksLikeMail(string path)
    {
        try
        {
            using var reader = new StreamReader(path);
            var line = reader.ReadLine();
            while (line is { Length: 0 })
            {
                line = reader.ReadLine();
            }

            var colon = line?.IndexOf(':', StringComparison.Ordinal) ?? -1;
            return line is not null && (line.StartsWith("From ", StringComparison.Ordinal) || (colon > 0 && line[..colon].All(c => c is > ' ' and < '\u007f')));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable files stay in the list, so reading them reports the error.
            return true;
        }
    }

    private static void WriteTable(List<IngestReport> reports)
    {
        var touched = reports
            .Where(r => r.Result?.Ticket is not null && r.Action is ThreadingAction.OpenTicket or ThreadingAction.FollowUp or ThreadingAction.Note)
            .GroupBy(r => r.Result!.Ticket!.Id)
            .Select(g => (Ticket: g.Last().Result!.Ticket!, Reports: g.ToList()))
            .OrderBy(t => t.Ticket.Number, StringComparer.Ordinal)
            .ToList();
        if (touched.Count == 0)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("Ticket", c => c.NoWrap()).AddColumn("Change", c => c.NoWrap()).AddColumn("Customer").AddColumn("Subject")
            .AddColumn("Lang", c => c.NoWrap()).AddColumn("Topic", c => c.NoWrap()).AddColumn("Crit", c => c.NoWrap())
            .AddColumn("Mails", c => c.NoWrap().RightAligned()).AddColumn("Ack", c => c.NoWrap());
        foreach (var (ticket, ticketReports) in touched)
        {
            var created = ticketReports.Any(r => r.Action == ThreadingAction.OpenTicket);
            var followUps = ticketReports.Count(r => r.Action == ThreadingAction.FollowUp);
            var notes = ticketReports.Count(r => r.Action == ThreadingAction.Note);
            var change = (created ? "[green]created[/]" : "updated")
                + (followUps > 0 ? $", {followUps} follow-up{(followUps > 1 ? "s" : string.Empty)}" : string.Empty)
                + (notes > 0 ? $", {notes} note{(notes > 1 ? "s" : string.Empty)}" : string.Empty);
            var opening = ticketReports.FirstOrDefault(r => r.Action == ThreadingAction.OpenTicket)?.Result;
            var ack = opening is null ? "-" : opening.AcknowledgementMessageId is not null ? "[green]queued[/]" : opening.AcknowledgementCapped ? "[yellow]capped[/]" : "no";
            table.AddRow(
                Markup.Escape(ticket.Number),
                change,
                Markup.Escape(TableText.Shorten(ticket.Customer.Address, 32)),
                Markup.Escape(TableText.Shorten(ticket.Subject, 44)),
                Markup.Escape(ticket.Assessment.Language ?? "-"),
                Markup.Escape(ticket.Assessment.Topic ?? "-"),
                ticket.Assessment.Critical ? "[red]yes[/]" : "-",
                ticketReports.Count.ToString(CultureInfo.InvariantCulture),
                ack);
        }

        AnsiConsole.Write(table);
    }

    private static void WriteSummary(
        int files, Dictionary<SinkOutcome, int> counts, int unreadable, List<IngestReport> reports, int published, int acknowledged, int pending, IServiceProvider services)
    {
        int Count(ThreadingAction action) => reports.Count(r => r.Action == action);
        var queue = services.GetRequiredService<IOptions<QueueOptions>>().Value;
        var target = queue.Kind == QueueKind.File ? $"the spool {queue.File.Directory}" : queue.Kind.ToString();
        var failed = reports.Count(r => r.Result is null && !r.Quarantined);
        var quarantined = reports.Count(r => r.Quarantined);
        AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{files} files: {counts.GetValueOrDefault(SinkOutcome.Stored)} stored, {counts.GetValueOrDefault(SinkOutcome.Duplicate)} already stored, {counts.GetValueOrDefault(SinkOutcome.Rejected)} rejected, {unreadable} unreadable.")));
        AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{reports.Count} mails processed: {Count(ThreadingAction.OpenTicket)} new tickets, {Count(ThreadingAction.FollowUp)} follow-ups, {Count(ThreadingAction.Note)} notes (automatic mail about a ticket), {Count(ThreadingAction.StoreOnly)} kept without a ticket, {failed} failed (kept, retried next time), {quarantined} quarantined.")));
        AnsiConsole.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"{published} events published to {target}; {pending} still pending; {acknowledged} acknowledgements sent.")));
    }

    private static void WriteTimings(PipelineStats stats)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Stage").AddColumn("Items", c => c.RightAligned())
            .AddColumn("Total ms", c => c.RightAligned()).AddColumn("ms/item", c => c.RightAligned());
        foreach (var (stage, total, count) in stats.Snapshot())
        {
            table.AddRow(
                stage.ToString(),
                count.ToString(CultureInfo.InvariantCulture),
                total.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture),
                count == 0 ? "-" : (total.TotalMilliseconds / count).ToString("F2", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
    }
}
