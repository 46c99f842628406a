using System.CommandLine;
using Triage.Cli;

var root = new RootCommand("Triage: email-to-ticket ingestion and triage for support desks.")
{
    ParseCommand.Create(),
    InspectCommand.Create(),
    BenchCommand.Create(),
};

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
