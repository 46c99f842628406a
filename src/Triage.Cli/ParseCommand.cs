using System.CommandLine;
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
        var command = new Command("parse", "Parse mail files and write what the MIME parser read (addresses, subject, date, bodies, attachments, diagnostics) as JSON.")
        {
            paths,
            output,
        };
        command.SetAction((result, cancellationToken) =>
            RunAsync(result.GetValue(paths) ?? [], result.GetValue(output)!, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string[] paths, DirectoryInfo output, CancellationToken cancellationToken)
    {
        output.Create();
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
            if (message.Diagnostics.Count > 0)
            {
                withDiagnostics++;
            }
        }

        await Console.Error.WriteLineAsync($"parsed {parsed} mail(s), {withDiagnostics} with diagnostics, {failed} unreadable → {output.FullName}").ConfigureAwait(false);
        return failed > 0 ? 1 : 0;
    }
}
