using Triage.Core.SelfHelp;

namespace Triage.Hosting.SelfHelp;

/// <summary>
/// The self-help index of a knowledge-base folder and an optional incidents file: loaded once at construction (which
/// throws <see cref="SelfHelpDataException"/> on bad data), then, when watching, rebuilt shortly after a file changes.
/// A failed rebuild keeps the previous index and sets <see cref="LastReloadError"/>. Thread-safe.
/// </summary>
public sealed class SelfHelpService : IDisposable
{
    /// <summary>Changes arrive in bursts (an editor writes a file several times); one rebuild after the last of them.</summary>
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(300);

    private readonly string _knowledgeBase;
    private readonly string? _incidentsFile;
    private readonly SelfHelpOptions _options;
    private readonly TimeProvider _time;
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly ITimer? _reloadTimer;
    private volatile SelfHelpIndex _index;
    private volatile string? _lastReloadError;

    public SelfHelpService(string knowledgeBase, string? incidentsFile, SelfHelpOptions? options, TimeProvider time, bool watch)
    {
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        ArgumentNullException.ThrowIfNull(time);
        _knowledgeBase = knowledgeBase;
        _incidentsFile = incidentsFile;
        _options = options ?? SelfHelpOptions.Default;
        _time = time;
        _index = Load();
        if (watch)
        {
            _reloadTimer = time.CreateTimer(_ => Reload(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            Watch(knowledgeBase, "*.md", includeSubdirectories: true);
            if (incidentsFile is not null)
            {
                Watch(Path.GetDirectoryName(Path.GetFullPath(incidentsFile))!, Path.GetFileName(incidentsFile), includeSubdirectories: false);
            }
        }
    }

    public SelfHelpIndex Index => _index;

    /// <summary>Why the last rebuild failed; null after a successful one.</summary>
    public string? LastReloadError => _lastReloadError;

    /// <summary>Articles and incidents active now for a ticket's language, subject and new text.</summary>
    public SelfHelpResult Suggest(string? language, string? subject, string text) => _index.Suggest(language, subject, text, _time.GetUtcNow());

    public void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }

        _reloadTimer?.Dispose();
    }

    private SelfHelpIndex Load() =>
        SelfHelpIndex.Build(
            KnowledgeBaseFolder.Load(_knowledgeBase),
            _incidentsFile is null ? [] : IncidentsFile.Load(_incidentsFile),
            _options);

    private void Reload()
    {
        try
        {
            _index = Load();
            _lastReloadError = null;
        }
        catch (Exception e) when (e is SelfHelpDataException or ArgumentException)
        {
            _lastReloadError = e.Message;
        }
    }

    private void Watch(string folder, string filter, bool includeSubdirectories)
    {
        var watcher = new FileSystemWatcher(folder, filter) { IncludeSubdirectories = includeSubdirectories };
        watcher.Changed += (_, _) => ScheduleReload();
        watcher.Created += (_, _) => ScheduleReload();
        watcher.Deleted += (_, _) => ScheduleReload();
        watcher.Renamed += (_, _) => ScheduleReload();
        watcher.EnableRaisingEvents = true;
        _watchers.Add(watcher);
    }

    private void ScheduleReload() => _reloadTimer?.Change(Debounce, Timeout.InfiniteTimeSpan);
}
