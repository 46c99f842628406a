using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Triage.Hosting;

namespace Triage.Cli;

/// <summary>The service's host for the commands that use the store: appsettings.json, Triage__… variables, AddTriage.</summary>
internal static class TriageHost
{
    public static Option<FileInfo?> ConfigOption() => new("--config")
    {
        Description = "A JSON settings file read after appsettings.json (same keys: Triage:DataDirectory, Triage:Queue:Kind, …). Environment variables Triage__Section__Key override both.",
        Recursive = true,
    };

    public static Option<string?> DataOption() => new("--data")
    {
        Description = "The data directory (SQLite file, spool, quarantine); the same as Triage:DataDirectory. Default ./data.",
        Recursive = true,
    };

    /// <summary>A host with the whole service registered; <paramref name="logLevel"/> is the least logged to stderr.</summary>
    public static IHost Build(FileInfo? config, string? data, LogLevel logLevel)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = Directory.GetCurrentDirectory() });
        if (config is not null)
        {
            builder.Configuration.AddJsonFile(config.FullName, optional: false);
            // Environment variables keep the last word over any file.
            builder.Configuration.AddEnvironmentVariables();
        }

        if (data is not null)
        {
            builder.Configuration["Triage:DataDirectory"] = data;
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.None);
        builder.Logging.AddFilter((_, level) => level >= logLevel);
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddTriage(builder.Configuration);
        return builder.Build();
    }

    /// <summary>Runs <paramref name="work"/>, turning configuration errors into a message and exit code 2.</summary>
    public static async Task<int> GuardAsync(string command, Func<Task<int>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (OptionsValidationException e)
        {
            await Console.Error.WriteLineAsync($"triage {command}: invalid configuration:\n  " + string.Join("\n  ", e.Failures)).ConfigureAwait(false);
            return 2;
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException or Triage.Classification.ModelFileException or Storage.StoreSchemaException or Storage.StoreBusyException)
        {
            await Console.Error.WriteLineAsync($"triage {command}: {e.Message}").ConfigureAwait(false);
            return 2;
        }
    }
}
