using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Triage.Hosting.Acknowledgements;
using Triage.Hosting.Pipeline;
using Triage.Queues;

namespace Triage.Cli;

/// <summary><c>triage run</c>: the service, until Ctrl+C or SIGTERM.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var config = TriageHost.ConfigOption();
        var data = TriageHost.DataOption();
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log every mail and event (debug level); default: information." };
        var command = new Command(
            "run",
            "Run the service: poll the IMAP mailboxes of Triage:Imap (when configured), turn stored mail into tickets, publish ticket events to the queue of Triage:Queue:Kind (default: a spool folder under the data directory) and send acknowledgements when Triage:Acknowledgements:Enabled. Settings from appsettings.json in the working directory and Triage__Section__Key environment variables. Ctrl+C stops gracefully: mail already stored is processed on the next start.")
        {
            config,
            data,
            verbose,
        };
        command.SetAction((result, cancellationToken) => TriageHost.GuardAsync("run", async () =>
        {
            using var host = TriageHost.Build(result.GetValue(config), result.GetValue(data), result.GetValue(verbose) ? LogLevel.Debug : LogLevel.Information);
            var services = host.Services;
            var triage = services.GetRequiredService<IOptions<TriageOptions>>().Value;
            var queue = services.GetRequiredService<IOptions<QueueOptions>>().Value;
            var acknowledgements = services.GetRequiredService<IOptions<AcknowledgementOptions>>().Value;
            var mailboxes = services.GetServices<IHostedService>().Count(s => s is Triage.Hosting.Imap.ImapMailboxPoller);
            await Console.Error.WriteLineAsync(
                $"triage run: data {Path.GetFullPath(triage.DataDirectory)}, queue {queue.Kind}, {mailboxes} IMAP mailbox(es), acknowledgements {(acknowledgements.Enabled ? "on" : "off")}. Ctrl+C stops.").ConfigureAwait(false);
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }));
        return command;
    }
}
