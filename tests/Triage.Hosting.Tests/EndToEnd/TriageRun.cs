using System.Diagnostics;

namespace Triage.Hosting.Tests.EndToEnd;

/// <summary>
/// <c>triage run</c> as its own process (the built src/Triage.Cli, Release), configured through Triage__… variables
/// and started in the repository root so it finds models/; <see cref="Kill"/> is kill -9.
/// </summary>
public sealed class TriageRun : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TriageRun(Process process) => _process = process;

    /// <summary>Completes when the service has read its configuration and starts its workers (its first stderr line).</summary>
    public Task Started => _started.Task;

    public static TriageRun Start(IReadOnlyDictionary<string, string?> settings)
    {
        var root = RepositoryRoot();
        var dll = Path.Combine(root, "src", "Triage.Cli", "bin", "Release", "net10.0", "triage.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build the CLI first: dotnet build src/Triage.Cli -c Release ({dll} is missing).", dll);
        }

        var start = new ProcessStartInfo("dotnet", [dll, "run"])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("triage run did not start.");
        var run = new TriageRun(process);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("triage run:", StringComparison.Ordinal) == true)
            {
                run._started.TrySetResult();
            }
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => run._started.TrySetException(new InvalidOperationException($"triage run exited with {process.ExitCode} before it started."));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return run;
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Triage.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Triage.sln not found above " + AppContext.BaseDirectory);
    }
}
