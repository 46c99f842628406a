using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Triage.Core.Tickets;
using Triage.Hosting.Pipeline;
using Triage.Storage;

namespace Triage.Cli;

/// <summary><c>triage tickets list|show</c>: the tickets in the store.</summary>
internal static class TicketsCommand
{
    public static Command Create()
    {
        var config = TriageHost.ConfigOption();
        var data = TriageHost.DataOption();
        var status = new Option<string?>("--status") { Description = "Only tickets in this status: open, pending or closed." };
        status.AcceptOnlyFromAmong("open", "pending", "closed");
        var topic = new Option<string?>("--topic") { Description = "Only tickets of this topic (as the topic model names it)." };
        var address = new Option<string?>("--address") { Description = "Only tickets with this address on them (the customer or someone on their mail)." };
        var limit = new Option<int>("--limit") { Description = "At most this many tickets, newest first (1-1000).", DefaultValueFactory = _ => 50 };
        var list = new Command("list", "List tickets, newest first: number, status, customer, subject, language, topic, critical, priority, last update.")
        {
            status,
            topic,
            address,
            limit,
        };
        list.SetAction((result, cancellationToken) => WithStoreAsync(result.GetValue(config), result.GetValue(data), async store =>
        {
            var filter = new TicketFilter(
                result.GetValue(status) is { } s ? WireNames.Parse<TicketStatus>(s) : null,
                result.GetValue(address),
                result.GetValue(topic));
            var page = await store.ListTicketsAsync(filter, new Paging(0, Math.Clamp(result.GetValue(limit), 1, 1000)), cancellationToken).ConfigureAwait(false);
            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn("Ticket", c => c.NoWrap()).AddColumn("Status", c => c.NoWrap()).AddColumn("Customer").AddColumn("Subject")
                .AddColumn("Lang", c => c.NoWrap()).AddColumn("Topic", c => c.NoWrap()).AddColumn("Crit", c => c.NoWrap())
                .AddColumn("Priority", c => c.NoWrap()).AddColumn("Updated (UTC)", c => c.NoWrap());
            foreach (var t in page.Tickets)
            {
                table.AddRow(
                    Markup.Escape(t.Number),
                    WireNames.Of(t.Status),
                    Markup.Escape(TableText.Shorten(t.Customer.Address, 32)),
                    Markup.Escape(TableText.Shorten(t.Subject, 48)),
                    Markup.Escape(t.Assessment.Language ?? "-"),
                    Markup.Escape(t.Assessment.Topic ?? "-"),
                    t.Assessment.Critical ? "[red]yes[/]" : "-",
                    WireNames.Of(t.Assessment.Priority),
                    t.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine(Markup.Escape($"{page.Tickets.Count} of {page.Total} tickets."));
            return 0;
        }));

        var number = new Argument<string>("number") { Description = "The ticket number, e.g. SUP-100001 (case-insensitive)." };
        var show = new Command("show", "Show one ticket: its fields, the people on it and its thread of messages (customer mail, our acknowledgements, notes).") { number };
        show.SetAction((result, cancellationToken) => WithStoreAsync(result.GetValue(config), result.GetValue(data), async store =>
        {
            var ticket = await store.GetTicketAsync(result.GetValue(number)!, cancellationToken).ConfigureAwait(false);
            if (ticket is null)
            {
                await Console.Error.WriteLineAsync($"triage tickets show: no ticket {result.GetValue(number)}").ConfigureAwait(false);
                return 1;
            }

            var a = ticket.Assessment;
            var fields = new Grid().AddColumn().AddColumn();
            void Row(string name, string? value) => fields.AddRow($"[bold]{name}[/]", Markup.Escape(value ?? "-"));
            Row("Ticket", $"{ticket.Number} ({ticket.Id})");
            Row("Status", WireNames.Of(ticket.Status));
            Row("Customer", ticket.Customer.Name is { Length: > 0 } name ? $"{name} <{ticket.Customer.Address}>" : ticket.Customer.Address);
            Row("Subject", ticket.Subject);
            Row("Language", a.Language);
            Row("Topic", a.Topic is null ? null : $"{a.Topic} ({string.Join(", ", a.TopicScores.OrderByDescending(s => s.Value).Take(3).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key} {s.Value:F2}")))})");
            Row("Critical", a.Critical ? "yes" : "no");
            Row("Priority", WireNames.Of(a.Priority));
            Row("Questions", a.Questions.Count == 0 ? null : string.Join(" | ", a.Questions));
            Row("Addresses", string.Join(", ", ticket.Addresses));
            Row("Created", ticket.CreatedAt.ToString("u", CultureInfo.InvariantCulture));
            Row("Updated", ticket.UpdatedAt.ToString("u", CultureInfo.InvariantCulture));
            AnsiConsole.Write(fields);
            var thread = new Table().Border(TableBorder.Rounded).AddColumn("Received (UTC)").AddColumn("Direction").AddColumn("Kind").AddColumn("Message-ID");
            foreach (var m in await store.GetMessagesAsync(ticket.Id, cancellationToken).ConfigureAwait(false))
            {
                thread.AddRow(
                    m.ReceivedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    WireNames.Of(m.Direction),
                    Markup.Escape(m.Kind),
                    Markup.Escape(m.MessageId ?? "-"));
            }

            AnsiConsole.Write(thread);
            return 0;
        }));

        return new Command("tickets", "List and show the tickets in the store (Triage:DataDirectory).") { list, show, config, data };
    }

    /// <summary>Opens the store the service uses (same configuration) and runs <paramref name="work"/> on it.</summary>
    internal static Task<int> WithStoreAsync(FileInfo? config, string? data, Func<SqliteStore, Task<int>> work) =>
        TriageHost.GuardAsync("tickets", async () =>
        {
            using var host = TriageHost.Build(config, data, LogLevel.Warning);
            var store = await host.Services.GetRequiredService<TriageStore>().GetAsync(CancellationToken.None).ConfigureAwait(false);
            return await work(store).ConfigureAwait(false);
        });
}
