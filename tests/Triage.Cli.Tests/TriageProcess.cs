using System.Diagnostics;

namespace Triage.Cli.Tests;

/// <summary>Runs the built <c>triage</c> executable (or another program) as a real process.</summary>
internal static class TriageProcess
{
    public static (int ExitCode, string StdOut, string StdErr) Triage(params string[] args) =>
        Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "triage.dll"), .. args]);

    public static (int ExitCode, string StdOut, string StdErr) Run(string program, IEnumerable<string> args, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish in 5 minutes");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The Python the shared tools run with, or null (the tests that need it then skip).</summary>
    public static string? Python { get; } = new[] { "/usr/bin/python3", "python3" }.FirstOrDefault(p =>
    {
        try
        {
            return Run(p, ["--version"]).ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    });
}

/// <summary>A fact that runs the shared Python tools over the shared corpus; skipped with a reason when either is missing.</summary>
public sealed class OracleFactAttribute : FactAttribute
{
    public OracleFactAttribute()
    {
        if (Triage.Mime.Tests.Corpus.Root is null)
        {
            Skip = Triage.Mime.Tests.Corpus.SkipReason;
        }
        else if (TriageProcess.Python is null)
        {
            Skip = "python3 is needed to run the shared oracle tools";
        }
    }
}
