using Npgsql;
using NpgsqlTypes;
using Pgvector;

namespace Aird.Stream.Storage.Watchlists;

/// <summary>
/// Watchlists, subjects and their enrolled faces, written so that repeating an enrollment changes nothing:
/// watchlists are found by name, subjects by (watchlist, display name), faces by (subject, model, source image).
/// Concurrent enrollments of the same names are safe (<c>ON CONFLICT</c>, then a read of the winner's row).
/// </summary>
public sealed class WatchlistStore(NpgsqlDataSource dataSource)
{
    /// <summary>The watchlist named <paramref name="name"/>; created with <paramref name="settings"/> when missing.
    /// An existing watchlist keeps its own settings.</summary>
    /// <exception cref="ArgumentException">The name is blank or the settings are invalid.</exception>
    /// <exception cref="DatabaseUnavailableException">PostgreSQL cannot be reached.</exception>
    public async Task<StoredWatchlist> GetOrCreateWatchlistAsync(string name, WatchlistSettings settings, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Problem() is { } problem)
        {
            throw new ArgumentException($"Watchlist '{name}': {problem}.", nameof(settings));
        }

        await using var connection = await dataSource.OpenCheckedAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO watchlists (name, match_threshold, unknown_threshold, margin, alert_on_unknown, cooldown)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (name) DO NOTHING
            RETURNING watchlist_id
            """,
            connection))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = name });
            insert.Parameters.Add(new NpgsqlParameter { Value = settings.MatchThreshold });
            insert.Parameters.Add(new NpgsqlParameter { Value = settings.UnknownThreshold });
            insert.Parameters.Add(new NpgsqlParameter { Value = settings.Margin });
            insert.Parameters.Add(new NpgsqlParameter { Value = settings.AlertOnUnknown });
            insert.Parameters.Add(new NpgsqlParameter { Value = settings.Cooldown });
            if (await insert.ExecuteScalarAsync(cancellationToken) is Guid created)
            {
                return new StoredWatchlist(created, name, settings, Created: true);
            }
        }

        await using var select = new NpgsqlCommand(
            "SELECT watchlist_id, match_threshold, unknown_threshold, margin, alert_on_unknown, cooldown FROM watchlists WHERE name = $1",
            connection);
        select.Parameters.Add(new NpgsqlParameter { Value = name });
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException($"Watchlist '{name}' was deleted while it was being enrolled into.");
        }

        var stored = new WatchlistSettings(reader.GetFloat(1), reader.GetFloat(2), reader.GetFloat(3), reader.GetBoolean(4), reader.GetFieldValue<TimeSpan>(5));
        return new StoredWatchlist(reader.GetGuid(0), name, stored, Created: false);
    }

    /// <summary>The subject <paramref name="displayName"/> of the watchlist; created when missing.</summary>
    /// <exception cref="DatabaseUnavailableException">PostgreSQL cannot be reached.</exception>
    public async Task<StoredSubject> GetOrCreateSubjectAsync(Guid watchlistId, string displayName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        await using var connection = await dataSource.OpenCheckedAsync(cancellationToken);
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO subjects (watchlist_id, display_name) VALUES ($1, $2)
            ON CONFLICT (watchlist_id, display_name) DO NOTHING
            RETURNING subject_id
            """,
            connection))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = watchlistId });
            insert.Parameters.Add(new NpgsqlParameter { Value = displayName });
            if (await insert.ExecuteScalarAsync(cancellationToken) is Guid created)
            {
                return new StoredSubject(created, watchlistId, displayName, Created: true);
            }
        }

        await using var select = new NpgsqlCommand(
            "SELECT subject_id FROM subjects WHERE watchlist_id = $1 AND display_name = $2", connection);
        select.Parameters.Add(new NpgsqlParameter { Value = watchlistId });
        select.Parameters.Add(new NpgsqlParameter { Value = displayName });
        var existing = await select.ExecuteScalarAsync(cancellationToken) as Guid?
            ?? throw new InvalidOperationException($"Subject '{displayName}' was deleted while it was being enrolled.");
        return new StoredSubject(existing, watchlistId, displayName, Created: false);
    }

    /// <summary>Adds the face unless the subject already has one of the same model from the same source image.</summary>
    /// <returns>True when a row was added.</returns>
    /// <exception cref="ArgumentException">The embedding is not a usable vector(128), or the hash is not 32 bytes.</exception>
    /// <exception cref="DatabaseUnavailableException">PostgreSQL cannot be reached.</exception>
    public async Task<bool> AddFaceAsync(Guid subjectId, SubjectFace face, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(face);
        ArgumentException.ThrowIfNullOrWhiteSpace(face.ModelVersion, nameof(face));
        EmbeddingSpace.Validate(face.Embedding, "Enrolled face");
        if (face.SourceSha256.Length != 32)
        {
            throw new ArgumentException($"A source hash is a SHA-256 of 32 bytes, not {face.SourceSha256.Length}.", nameof(face));
        }

        await using var connection = await dataSource.OpenCheckedAsync(cancellationToken);
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO subject_faces (subject_id, embedding, model_version, quality, source_sha256)
            VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (subject_id, model_version, source_sha256) DO NOTHING
            """,
            connection);
        insert.Parameters.Add(new NpgsqlParameter { Value = subjectId });
        insert.Parameters.Add(new NpgsqlParameter { Value = new Vector(face.Embedding) });
        insert.Parameters.Add(new NpgsqlParameter { Value = face.ModelVersion });
        insert.Parameters.Add(new NpgsqlParameter { Value = face.Quality });
        insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea, Value = face.SourceSha256 });
        return await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
