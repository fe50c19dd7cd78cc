using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Aird.Stream.Storage.Migrations;

/// <summary>
/// Applies the embedded SQL migrations that the database lacks, each in its own transaction, and records them in
/// <c>schema_migrations</c>. Concurrent runners (several replicas starting at once) are serialised by an advisory lock.
/// </summary>
public sealed partial class MigrationRunner
{
    // pg_advisory_lock key shared by every aird migrator: the ASCII bytes of "airdmigr".
    private const long AdvisoryLockKey = 0x61697264_6d696772;

    private const string CreateHistoryTable = """
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version    integer     PRIMARY KEY,
            name       text        NOT NULL,
            checksum   text        NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now()
        )
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<MigrationRunner> _logger;
    private readonly IReadOnlyList<MigrationScript> _scripts;

    public MigrationRunner(NpgsqlDataSource dataSource, ILogger<MigrationRunner> logger)
        : this(dataSource, logger, MigrationCatalog.Embedded)
    {
    }

    internal MigrationRunner(NpgsqlDataSource dataSource, ILogger<MigrationRunner> logger, IReadOnlyList<MigrationScript> scripts)
    {
        _dataSource = dataSource;
        _logger = logger;
        _scripts = scripts;
    }

    /// <exception cref="DatabaseUnavailableException">PostgreSQL cannot be reached.</exception>
    /// <exception cref="MigrationException">The history does not match the scripts, or a script failed (it is rolled back).</exception>
    public async Task<MigrationResult> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenCheckedAsync(cancellationToken);
        await AcquireLockAsync(connection, cancellationToken);
        try
        {
            await ExecuteAsync(connection, CreateHistoryTable, cancellationToken);
            var applied = await ReadHistoryAsync(connection, cancellationToken);
            var pending = MigrationPlan.Pending(_scripts, applied);
            var schemaVersion = applied.Count == 0 ? 0 : applied.Max(a => a.Version);
            if (pending.Count == 0)
            {
                LogUpToDate(schemaVersion);
                return new MigrationResult([], schemaVersion);
            }

            var done = new List<AppliedMigration>();
            foreach (var script in pending)
            {
                done.Add(await ApplyAsync(connection, script, cancellationToken));
            }

            // A migration may have created types (the vector extension): the pool must learn their OIDs.
            await connection.ReloadTypesAsync(cancellationToken);
            return new MigrationResult(done, done[^1].Version);
        }
        finally
        {
            await ReleaseLockAsync(connection);
        }
    }

    private async Task AcquireLockAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var tryLock = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection) { Parameters = { new() { Value = AdvisoryLockKey } } };
        if ((bool)(await tryLock.ExecuteScalarAsync(cancellationToken))!)
        {
            return;
        }

        LogWaitingForLock();
        // Another migrator may be building an index for minutes: wait without a command timeout (cancellable).
        await using var waitLock = new NpgsqlCommand("SELECT pg_advisory_lock($1)", connection)
        {
            CommandTimeout = 0,
            Parameters = { new() { Value = AdvisoryLockKey } },
        };
        await waitLock.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ReleaseLockAsync(NpgsqlConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            return;
        }

        try
        {
            await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection) { Parameters = { new() { Value = AdvisoryLockKey } } };
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // A broken connection is discarded by the pool; the server released its session lock when it dropped.
        }
    }

    private static async Task<IReadOnlyList<AppliedMigration>> ReadHistoryAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var applied = new List<AppliedMigration>();
        while (await reader.ReadAsync(cancellationToken))
        {
            applied.Add(new AppliedMigration(
                reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return applied;
    }

    private async Task<AppliedMigration> ApplyAsync(NpgsqlConnection connection, MigrationScript script, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            // No command timeout: building an index over a large table legitimately takes long.
            await using (var command = new NpgsqlCommand(script.Sql, connection, transaction) { CommandTimeout = 0 })
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        catch (PostgresException e)
        {
            throw new MigrationException($"Migration {script.Label} failed and was rolled back: {Describe(e)}", e);
        }

        await using var record = new NpgsqlCommand(
            "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3) RETURNING applied_at", connection, transaction)
        {
            Parameters = { new() { Value = script.Version }, new() { Value = script.Name }, new() { Value = script.Checksum } },
        };
        var appliedAt = (DateTime)(await record.ExecuteScalarAsync(cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        LogApplied(script.Version, script.Name, stopwatch.ElapsedMilliseconds);
        return new AppliedMigration(script.Version, script.Name, script.Checksum, new DateTimeOffset(appliedAt));
    }

    private static string Describe(PostgresException e)
    {
        // No line number: Npgsql sends a script's statements as a batch, and PostgreSQL's error position counts
        // within one statement whose text Npgsql does not expose.
        var text = $"{e.MessageText} (SQLSTATE {e.SqlState})";
        return e.Hint is null ? text : $"{text}. {e.Hint}";
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema is up to date at version {Version}; nothing to apply")]
    private partial void LogUpToDate(int version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Another migrator holds the migration lock; waiting for it to finish")]
    private partial void LogWaitingForLock();

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Version} {Name} in {ElapsedMs} ms")]
    private partial void LogApplied(int version, string name, long elapsedMs);
}
