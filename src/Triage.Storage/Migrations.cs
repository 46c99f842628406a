using System.Globalization;

namespace Triage.Storage;

/// <summary>One numbered schema step; applied once, in order, inside the opening transaction.</summary>
internal sealed record Migration(int Version, string Description, string Sql);

/// <summary>The schema's history. Append new migrations; never edit an applied one.</summary>
internal static class Migrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "messages, tickets, ticket addresses, outbox, checkpoints, send counters", """
            CREATE TABLE tickets (
                id TEXT PRIMARY KEY,
                seq INTEGER NOT NULL UNIQUE,
                number TEXT NOT NULL UNIQUE COLLATE NOCASE,
                status TEXT NOT NULL,
                customer_address TEXT NOT NULL COLLATE NOCASE,
                customer_name TEXT,
                subject TEXT NOT NULL,
                language TEXT,
                topic TEXT,
                topic_scores TEXT NOT NULL,
                critical INTEGER NOT NULL,
                priority TEXT NOT NULL,
                multi_question INTEGER NOT NULL,
                questions TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL);
            CREATE INDEX tickets_status ON tickets(status, seq);

            CREATE TABLE ticket_addresses (
                ticket_id TEXT NOT NULL REFERENCES tickets(id),
                address TEXT NOT NULL COLLATE NOCASE,
                PRIMARY KEY (ticket_id, address)) WITHOUT ROWID;
            CREATE INDEX ticket_addresses_address ON ticket_addresses(address);

            CREATE TABLE messages (
                id INTEGER PRIMARY KEY,
                sha256 TEXT NOT NULL UNIQUE,
                message_id TEXT,
                mailbox TEXT,
                uid_validity INTEGER,
                uid INTEGER,
                direction TEXT NOT NULL,
                kind TEXT,
                received_at INTEGER NOT NULL,
                processed_at INTEGER,
                ticket_id TEXT REFERENCES tickets(id),
                raw BLOB NOT NULL);
            CREATE INDEX messages_message_id ON messages(message_id);
            CREATE INDEX messages_ticket ON messages(ticket_id, id);
            CREATE INDEX messages_unprocessed ON messages(id) WHERE processed_at IS NULL;

            CREATE TABLE outbox (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                event_id TEXT NOT NULL UNIQUE,
                channel TEXT NOT NULL,
                type TEXT NOT NULL,
                ticket_id TEXT,
                body BLOB NOT NULL,
                properties TEXT NOT NULL,
                status TEXT NOT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                last_error TEXT,
                next_attempt_at INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                sent_at INTEGER);
            CREATE INDEX outbox_pending ON outbox(channel, seq) WHERE status = 'pending';
            CREATE INDEX outbox_pending_ticket ON outbox(ticket_id, seq) WHERE status = 'pending';
            CREATE INDEX outbox_dead ON outbox(seq) WHERE status = 'dead';

            CREATE TABLE checkpoints (
                mailbox TEXT PRIMARY KEY,
                uid_validity INTEGER NOT NULL,
                last_uid INTEGER NOT NULL,
                updated_at INTEGER NOT NULL);

            CREATE TABLE send_counters (
                recipient TEXT NOT NULL COLLATE NOCASE,
                window_seconds INTEGER NOT NULL,
                window_start INTEGER NOT NULL,
                count INTEGER NOT NULL,
                PRIMARY KEY (recipient, window_seconds, window_start)) WITHOUT ROWID;
            """),
        new(2, "failed IMAP hand-overs per mail", """
            CREATE TABLE mailbox_attempts (
                mailbox TEXT NOT NULL,
                uid_validity INTEGER NOT NULL,
                uid INTEGER NOT NULL,
                attempts INTEGER NOT NULL,
                last_attempt_at INTEGER NOT NULL,
                PRIMARY KEY (mailbox, uid_validity, uid)) WITHOUT ROWID;
            """),
        new(3, "sender of human mail and opening-text hash of tickets, for fair use and resends", """
            ALTER TABLE messages ADD COLUMN sender TEXT COLLATE NOCASE;
            CREATE INDEX messages_sender ON messages(sender, received_at) WHERE sender IS NOT NULL;
            ALTER TABLE tickets ADD COLUMN opening_text_hash TEXT;
            CREATE INDEX tickets_customer_open ON tickets(customer_address, seq) WHERE status <> 'closed';
            """),
        new(4, "parent of a ticket opened for one question of a mail", """
            ALTER TABLE tickets ADD COLUMN parent_ticket_id TEXT REFERENCES tickets(id);
            CREATE INDEX tickets_parent ON tickets(parent_ticket_id) WHERE parent_ticket_id IS NOT NULL;
            """),
    ];

    /// <summary>Brings the database to the newest version in one transaction; returns that version.</summary>
    public static async Task<int> ApplyAsync(Session session, IReadOnlyList<Migration> migrations, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var i = 0; i < migrations.Count; i++)
        {
            if (migrations[i].Version != i + 1)
            {
                throw new InvalidOperationException("Migrations must be numbered 1, 2, 3… without gaps.");
            }
        }

        session.Begin();
        await session.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL)",
            cancellationToken).ConfigureAwait(false);
        var current = Convert.ToInt32(await session.ScalarAsync("SELECT COALESCE(MAX(version), 0) FROM schema_version", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        if (current > migrations.Count)
        {
            throw new StoreSchemaException($"The database has schema version {current}; this build knows up to {migrations.Count}. Use a newer Triage.");
        }

        foreach (var migration in migrations.Skip(current))
        {
            try
            {
                await session.ExecuteAsync(migration.Sql, cancellationToken).ConfigureAwait(false);
            }
            catch (Microsoft.Data.Sqlite.SqliteException e) when (!SqliteStore.IsBusy(e))
            {
                throw new StoreSchemaException($"Schema migration {migration.Version} ({migration.Description}) failed; the database was left at version {current}.", e);
            }

            await session.ExecuteAsync(
                "INSERT INTO schema_version (version, description, applied_at) VALUES ($v, $d, $at)",
                cancellationToken,
                ("$v", migration.Version),
                ("$d", migration.Description),
                ("$at", now.ToUnixTimeMilliseconds())).ConfigureAwait(false);
        }

        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        return migrations.Count;
    }
}
