using System.CommandLine;
using Spectre.Console;
using Triage.Mime;

namespace Triage.Cli;

/// <summary><c>triage parse PATH... --out DIR</c>: one JSON summary per mail file.</summary>
internal static class ParseCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Mail files, or folders whose files (any extension, recursively) are all read as mail.",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<DirectoryInfo>("--out", "-o")
        {
            Description = "Folder for the results: <file name without .eml>.json per mail. Created if missing.",
            Required = true,
        };
        var table = new Option<bool>("--table")
        {
            Description = "Also print a summary table (sender, subject, body, attachments, diagnostics) of every mail.",
        };
        var command = new Command("parse", "Parse mail files and write what the MIME parser read (addresses, subject, date, bodies, attachments, diagnostics) as JSON.")
        {
            paths,
            output,
            table,
        };
        command.SetAction((result, cancellationToken) =>
            RunAsync(result.GetValue(paths) ?? [], result.GetValue(output)!, result.GetValue(table), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string[] paths, DirectoryInfo output, bool showTable, CancellationToken cancellationToken)
    {
        output.Create();
        var summary = new Table().Border(TableBorder.Rounded)
            .AddColumn("File")
            .AddColumn("From")
            .AddColumn("Subject")
            .AddColumn("Body", c => c.NoWrap())
            .AddColumn("Attachments")
            .AddColumn("Notes", c => c.NoWrap());
        int parsed = 0, withDiagnostics = 0, failed = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in MailFiles.Expand(paths))
        {
            cancellationToken.ThrowIfCancellationRequested();
            byte[] raw;
            try
            {
                raw = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"triage parse: cannot read {file}: {e.Message}").ConfigureAwait(false);
                failed++;
                continue;
            }

            var stem = MailFiles.Stem(file);
            if (!seen.Add(stem))
            {
                await Console.Error.WriteLineAsync($"triage parse: {file} has the same name as an earlier file; its result replaces the earlier one").ConfigureAwait(false);
            }

            var message = MimeParser.Parse(raw);
            var json = ParseJson.Write(message);
            await File.WriteAllBytesAsync(Path.Combine(output.FullName, stem + ".json"), json, cancellationToken).ConfigureAwait(false);
            parsed++;
            if (showTable)
            {
                AddRow(summary, stem, message);
            }

            if (message.Diagnostics.Count > 0)
            {
                withDiagnostics++;
            }
        }

        if (showTable)
        {
            AnsiConsole.Write(summary);
        }

        await Console.Error.WriteLineAsync($"parsed {parsed} mail(s), {withDiagnostics} with diagnostics, {failed} unreadable → {output.FullName}").ConfigureAwait(false);
        return failed > 0 ? 1 : 0;
    }

    private static void AddRow(Table table, string stem, MimeMessage message)
    {
        var from = message.From.Count > 0 ? message.From[0].Name ?? message.From[0].Address : "-";
        var body = message.Body.HasHtml ? (message.TextBody is null ? "html" : "text+html") : message.TextBody is null ? "-" : "text";
        var attachments = string.Join(", ", message.Body.Attachments.Select(a => a.FileName ?? a.ContentType.MimeType));
        table.AddRow(
            Markup.Escape(TableText.Shorten(stem, 28)),
            Markup.Escape(TableText.Shorten(from, 22)),
            Markup.Escape(TableText.Shorten(message.Subject ?? "-", 42)),
            body,
            Markup.Escape(TableText.Shorten(attachments.Length == 0 ? "-" : attachments, 28)),
            message.Diagnostics.Count == 0 ? "-" : $"[yellow]{message.Diagnostics.Count}[/]");
    }
}
