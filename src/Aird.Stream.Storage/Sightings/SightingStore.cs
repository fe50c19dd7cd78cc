using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace Aird.Stream.Storage.Sightings;

/// <summary>Writes sightings idempotently in batches and finds stored sightings near a face embedding.</summary>
public sealed partial class SightingStore
{
    private const string Columns =
        "face_id, camera_id, captured_at, track_id, bbox_x, bbox_y, bbox_width, bbox_height, quality, model_version, embedding, thumbnail";

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresOptions _options;
    private readonly ILogger<SightingStore> _logger;
    private readonly SightingPartitions _partitions;

    public SightingStore(NpgsqlDataSource dataSource, IOptions<PostgresOptions> options, ILogger<SightingStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _dataSource = dataSource;
        _options = options.Value;
        _logger = logger;
        _partitions = new SightingPartitions(logger);
    }

    /// <summary>
    /// Stores a batch in one transaction: binary COPY into a temporary table, then one INSERT ... ON CONFLICT DO NOTHING
    /// on the natural key (face id, capture time), so a replayed batch stores nothing twice.
    /// </summary>
    /// <returns>How many of the sightings were new.</returns>
    /// <exception cref="ArgumentException">A sighting is malformed; nothing of the batch is written.</exception>
    /// <exception cref="DatabaseUnavailableException">PostgreSQL cannot be reached.</exception>
    public async Task<int> WriteAsync(IReadOnlyCollection<SightingRecord> sightings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sightings);
        foreach (var sighting in sightings)
        {
            ArgumentNullException.ThrowIfNull(sighting, nameof(sightings));
            sighting.Validate();
        }

        if (sightings.Count == 0)
        {
            return 0;
        }

        var started = Stopwatch.GetTimestamp();
        await using var connection = await _dataSource.OpenCheckedAsync(cancellationToken);
        await _partitions.EnsureAsync(connection, sightings, cancellationToken);

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // COPY cannot skip conflicting rows, so it fills a private staging table that the INSERT then merges.
        await ExecuteAsync(connection, "CREATE TEMP TABLE sightings_incoming (LIKE sightings INCLUDING DEFAULTS) ON COMMIT DROP", cancellationToken);
        await CopyAsync(connection, sightings, cancellationToken);
        var inserted = await ExecuteAsync(
            connection,
            $"INSERT INTO sightings ({Columns}) SELECT {Columns} FROM sightings_incoming ON CONFLICT (face_id, captured_at) DO NOTHING",
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var elapsed = Stopwatch.GetElapsedTime(started);
        StorageMetrics.SightingsWritten.Add(inserted);
        StorageMetrics.SightingsDuplicate.Add(sightings.Count - inserted);
        LogWritten(inserted, sightings.Count, elapsed.TotalMilliseconds);
        return inserted;
    }

    /// <summary>
    /// The stored sightings nearest to the probe by cosine similarity, best first. Approximate (HNSW, iterative scan
    /// so that filters still yield <see cref="SightingQuery.Limit"/> rows) unless <see cref="SightingQuery.Exact"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The probe or limit is malformed.</exception>
    /// <exception cref="DatabaseUnavailableException">PostgreSQL cannot be reached.</exception>
    public async Task<IReadOnlyList<SightingMatch>> SearchAsync(SightingQuery query, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var matches = await InSearchTransactionAsync(query, explain: false, ReadMatchesAsync, cancellationToken);
        StorageMetrics.SearchDuration.Record(
            Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("exact", query.Exact));
        return matches;
    }

    /// <summary>The plan PostgreSQL chooses for <see cref="SearchAsync"/> with the same settings, one line per row.</summary>
    internal Task<string> ExplainSearchAsync(SightingQuery query, CancellationToken cancellationToken) =>
        InSearchTransactionAsync(query, explain: true, ReadPlanAsync, cancellationToken);

    private async Task<T> InSearchTransactionAsync<T>(
        SightingQuery query, bool explain, Func<NpgsqlDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        EmbeddingSpace.Validate(query.Embedding.Span, "search probe");
        if (string.IsNullOrWhiteSpace(query.ModelVersion))
        {
            throw new ArgumentException("search: ModelVersion is empty.", nameof(query));
        }

        if (query.Limit is < 1 or > PostgresDataSource.MaxEfSearch)
        {
            throw new ArgumentException($"search: Limit must be between 1 and {PostgresDataSource.MaxEfSearch}, not {query.Limit}.", nameof(query));
        }

        await using var connection = await _dataSource.OpenCheckedAsync(cancellationToken);
        // SET LOCAL semantics: the settings end with this transaction and never leak into a pooled connection.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var settings = SearchSettings(query, connection))
        {
            await settings.ExecuteNonQueryAsync(cancellationToken);
        }

        T result;
        await using (var command = SearchCommand(query, connection, explain))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            result = await read(reader, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private NpgsqlCommand SearchSettings(SightingQuery query, NpgsqlConnection connection)
    {
        // JIT off: a search takes milliseconds, compiling it hundreds (and the disabled plan nodes below inflate the
        // cost estimate past jit_above_cost).
        if (query.Exact)
        {
            // Without index scans the planner reads every row that passes the filters (bitmap scans of the
            // camera/time btree stay allowed) and sorts by exact distance.
            return new NpgsqlCommand("SELECT set_config('enable_indexscan', 'off', true), set_config('jit', 'off', true)", connection);
        }

        // ef_search below the limit would return fewer rows than asked for. strict_order keeps the order exact
        // while letting the scan continue past ef_search candidates when filters discard many of them.
        // enable_seqscan off: with small day partitions the planner prices a sequential scan and sort of all of them
        // below one HNSW scan per partition (measured: 10,000 rows in 3 partitions at ef_search 100), so an
        // approximate search would silently become exact and linear in the table size. This is pgvector's own
        // advice; a selective camera/time filter still gets the btree (bitmap scan), which is both exact and cheaper.
        var efSearch = Math.Max(_options.HnswEfSearch, query.Limit);
        return new NpgsqlCommand(
            """
            SELECT set_config('hnsw.ef_search', $1, true), set_config('hnsw.iterative_scan', 'strict_order', true),
                   set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)
            """,
            connection)
        {
            Parameters = { new() { Value = efSearch.ToString(CultureInfo.InvariantCulture) } },
        };
    }

    private static NpgsqlCommand SearchCommand(SightingQuery query, NpgsqlConnection connection, bool explain)
    {
        var command = new NpgsqlCommand { Connection = connection };
        command.Parameters.Add(new() { Value = new Vector(query.Embedding) });
        command.Parameters.Add(new() { Value = query.ModelVersion });
        var sql = new StringBuilder(explain ? "EXPLAIN " : string.Empty)
            .Append("SELECT face_id, camera_id, captured_at, embedding <=> $1 AS distance FROM sightings WHERE model_version = $2");
        if (query.CameraId is not null)
        {
            command.Parameters.Add(new() { Value = query.CameraId });
            sql.Append(CultureInfo.InvariantCulture, $" AND camera_id = ${command.Parameters.Count}");
        }

        if (query.From is { } from)
        {
            command.Parameters.Add(new() { Value = from.ToUniversalTime() });
            sql.Append(CultureInfo.InvariantCulture, $" AND captured_at >= ${command.Parameters.Count}");
        }

        if (query.To is { } to)
        {
            command.Parameters.Add(new() { Value = to.ToUniversalTime() });
            sql.Append(CultureInfo.InvariantCulture, $" AND captured_at < ${command.Parameters.Count}");
        }

        command.Parameters.Add(new() { Value = query.Limit });
        sql.Append(CultureInfo.InvariantCulture, $" ORDER BY embedding <=> $1 LIMIT ${command.Parameters.Count}");
        command.CommandText = sql.ToString();
        return command;
    }

    private static async Task<IReadOnlyList<SightingMatch>> ReadMatchesAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var matches = new List<SightingMatch>();
        while (await reader.ReadAsync(cancellationToken))
        {
            matches.Add(new SightingMatch(
                reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), 1 - reader.GetDouble(3)));
        }

        return matches;
    }

    private static async Task<string> ReadPlanAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var plan = new StringBuilder();
        while (await reader.ReadAsync(cancellationToken))
        {
            plan.AppendLine(reader.GetString(0));
        }

        return plan.ToString();
    }

    private static async Task CopyAsync(NpgsqlConnection connection, IEnumerable<SightingRecord> sightings, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY sightings_incoming ({Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var s in sightings)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(s.FaceId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(s.CameraId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(s.CapturedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(s.TrackId, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(s.Box.X, NpgsqlDbType.Real, cancellationToken);
            await importer.WriteAsync(s.Box.Y, NpgsqlDbType.Real, cancellationToken);
            await importer.WriteAsync(s.Box.Width, NpgsqlDbType.Real, cancellationToken);
            await importer.WriteAsync(s.Box.Height, NpgsqlDbType.Real, cancellationToken);
            await importer.WriteAsync(s.Quality, NpgsqlDbType.Real, cancellationToken);
            await importer.WriteAsync(s.ModelVersion, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(new Vector(s.Embedding), "vector", cancellationToken);
            if (s.Thumbnail.IsEmpty)
            {
                await importer.WriteNullAsync(cancellationToken);
            }
            else
            {
                await importer.WriteAsync(s.Thumbnail, NpgsqlDbType.Bytea, cancellationToken);
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stored {Inserted} new of {Received} sightings in {ElapsedMs:F1} ms")]
    private partial void LogWritten(int inserted, int received, double elapsedMs);
}
