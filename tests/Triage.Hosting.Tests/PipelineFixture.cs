using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Triage.Hosting.Acknowledgements;
using Triage.Hosting.Outbox;
using Triage.Hosting.Pipeline;
using Triage.Storage;

namespace Triage.Hosting.Tests;

/// <summary>The service as AddTriage wires it, over a real SQLite file and spool in a temp folder, on a manual clock.</summary>
public sealed class PipelineFixture : IDisposable
{
    private readonly ServiceProvider _services;

    public PipelineFixture(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("triage-pipeline-").FullName;
        var values = new Dictionary<string, string?>
        {
            ["Triage:DataDirectory"] = Directory,
            // No models: classification reports nothing, which keeps these tests about threading and fast.
            ["Triage:ModelsDirectory"] = System.IO.Directory.CreateDirectory(Path.Combine(Directory, "no-models")).FullName,
            ["Triage:Pipeline:RetryDelay"] = "00:00:00",
            ["Triage:Acknowledgements:Enabled"] = "true",
            ["Triage:Acknowledgements:TemplatesDirectory"] = Path.Combine(AppContext.BaseDirectory, "templates"),
            ["Triage:Smtp:Host"] = "127.0.0.1",
            ["Triage:Smtp:From"] = "support@kassasystem.example",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(Time);
        services.AddTriage(configuration);
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
    }

    public string Directory { get; }

    public ManualTime Time { get; } = new(new DateTimeOffset(2025, 3, 4, 8, 0, 0, TimeSpan.Zero));

    public IngestPipeline Pipeline => _services.GetRequiredService<IngestPipeline>();

    public OutboxDispatcher Dispatcher => _services.GetRequiredService<OutboxDispatcher>();

    public string SpoolDirectory => Path.Combine(Directory, "spool");

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public Task<SqliteStore> StoreAsync() => Get<TriageStore>().GetAsync(CancellationToken.None);

    /// <summary>Stores the mails in order and processes them; returns one report per stored mail.</summary>
    public async Task<IReadOnlyList<IngestReport>> IngestAsync(params byte[][] mails)
    {
        foreach (var mail in mails)
        {
            await Pipeline.StoreAsync(mail, null, flush: true, CancellationToken.None);
        }

        return await Pipeline.ProcessPendingAsync(null, CancellationToken.None);
    }

    /// <summary>The event types in the spool, in file-name (publication) order.</summary>
    public IReadOnlyList<string> SpooledTypes() =>
        [.. System.IO.Directory.GetFiles(SpoolDirectory, "*.json").Order(StringComparer.Ordinal)
            .Select(f => System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(f)).RootElement.GetProperty("type").GetString()!)];

    public void Dispose()
    {
        _services.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file the OS still holds; the temp folder is cleaned up eventually.
        }
    }
}
