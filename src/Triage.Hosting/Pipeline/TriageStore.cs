using Triage.Storage;

namespace Triage.Hosting.Pipeline;

/// <summary>Opens the SQLite store once, on first use, for every component of the process.</summary>
public sealed class TriageStore(StoreOptions options, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteStore? _store;

    public string Path => options.Path;

    public async Task<SqliteStore> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _store) is { } store)
        {
            return store;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _store ??= await SqliteStore.OpenAsync(options, time, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _store?.Dispose();
        _gate.Dispose();
    }
}
