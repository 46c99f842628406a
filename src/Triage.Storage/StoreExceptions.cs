namespace Triage.Storage;

/// <summary>Another writer held the database longer than the busy timeout. Nothing was written; retrying later is safe.</summary>
public sealed class StoreBusyException : Exception
{
    public StoreBusyException()
        : this("The database is busy.")
    {
    }

    public StoreBusyException(string message)
        : base(message)
    {
    }

    public StoreBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The database file's schema cannot be used by this build (newer than it knows, or a migration failed). Retrying does not help.</summary>
public sealed class StoreSchemaException : Exception
{
    public StoreSchemaException()
        : this("The database schema cannot be used.")
    {
    }

    public StoreSchemaException(string message)
        : base(message)
    {
    }

    public StoreSchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
