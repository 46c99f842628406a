using System.CommandLine;
using Spectre.Console;
using Triage.Cli;

// Redirected output has no terminal width; tables then get room instead of Spectre's 80-column default.
// and no escape codes end up in files.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 200;
    AnsiConsole.Profile.Capabilities.Ansi = false;
    AnsiConsole.Profile.Capabilities.ColorSystem = ColorSystem.NoColors;
}

var root = new RootCommand("Triage: email-to-ticket ingestion and triage for support desks.")
{
    ParseCommand.Create(),
    InspectCommand.Create(),
    TrainCommand.Create(),
    EvalCommand.Create(),
    BenchCommand.Create(),
    RunCommand.Create(),
    IngestCommand.Create(),
    TicketsCommand.Create(),
    OutboxCommand.Create(),
};

return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
