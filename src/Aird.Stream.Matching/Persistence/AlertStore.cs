using Aird.Stream.Contracts;
using Aird.Stream.Matching.Alerts;
using Aird.Stream.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Aird.Stream.Matching.Persistence;

/// <summary>
/// The <c>alerts</c> table, written idempotently: an alert's id is its natural key (<see cref="AggregatedAlert.AlertId"/>),
/// and a folded face counts only when it is later than the alert's last face, so replayed faces change nothing.
/// </summary>
internal sealed class AlertStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Stores a new alert and, only when it is new, runs <paramref name="publish"/> before the row commits. A crash
    /// before the commit leaves no row, so the replay publishes again (the same alert id, for readers to drop the
    /// copy); after the commit the replay finds the row and publishes nothing: no alert is ever lost.
    /// </summary>
    /// <returns>
    /// False when the alert was stored before (a replay), or when its watchlist or subject was deleted since the
    /// decision (an alert about a deleted enrollment is not raised).
    /// </returns>
    /// <exception cref="DatabaseUnavailableException">PostgreSQL cannot be reached.</exception>
    public async Task<bool> RaiseAsync(AggregatedAlert alert, Func<CancellationToken, Task> publish, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(publish);
        await using var connection = await dataSource.OpenCheckedAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO alerts (alert_id, kind, camera_id, track_id, face_id, watchlist_id, subject_id, similarity, margin,
                                first_seen, last_seen, sightings)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            ON CONFLICT (alert_id) DO NOTHING
            """,
            connection)
        {
            Parameters =
            {
                new() { Value = alert.AlertId },
                new() { Value = alert.Kind == AlertKind.Match ? "match" : "unknown" },
                new() { Value = alert.CameraId },
                new() { Value = alert.TrackId },
                new() { Value = alert.FaceId },
                new() { Value = alert.WatchlistId },
                new() { Value = (object?)alert.SubjectId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid },
                new() { Value = alert.Similarity },
                new() { Value = alert.Margin },
                new() { Value = alert.FirstSeen.ToUniversalTime() },
                new() { Value = alert.LastSeen.ToUniversalTime() },
                new() { Value = alert.Sightings },
            },
        };
        try
        {
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            return false;
        }

        await publish(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Folds the alert's latest face into the stored alert: one more sighting, the later last-seen time, and the
    /// better face. Nothing changes when the stored alert already has a face at or after that time.
    /// </summary>
    /// <returns>False when nothing changed (a replayed face, or no such alert).</returns>
    public async Task<bool> FoldAsync(AggregatedAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        await using var connection = await dataSource.OpenCheckedAsync(cancellationToken);
        // Every SET expression reads the row as it was, so the CASEs compare with the old similarity.
        await using var update = new NpgsqlCommand(
            """
            UPDATE alerts SET sightings = sightings + 1, last_seen = $2,
                face_id = CASE WHEN $4 > similarity THEN $3 ELSE face_id END,
                margin = CASE WHEN $4 > similarity THEN $5 ELSE margin END,
                similarity = greatest(similarity, $4)
            WHERE alert_id = $1 AND last_seen < $2
            """,
            connection)
        {
            Parameters =
            {
                new() { Value = alert.AlertId },
                new() { Value = alert.LastSeen.ToUniversalTime() },
                new() { Value = alert.FaceId },
                new() { Value = alert.Similarity },
                new() { Value = alert.Margin },
            },
        };
        return await update.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>The last match alert for the subject on the camera whose first face is not later than <paramref name="at"/>.</summary>
    public async Task<PriorAlert?> LastMatchAsync(
        string cameraId, Guid watchlistId, Guid subjectId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenCheckedAsync(cancellationToken);
        await using var query = new NpgsqlCommand(
            """
            SELECT track_id, first_seen FROM alerts
            WHERE subject_id = $3 AND camera_id = $1 AND watchlist_id = $2 AND kind = 'match' AND first_seen <= $4
            ORDER BY first_seen DESC LIMIT 1
            """,
            connection)
        {
            Parameters =
            {
                new() { Value = cameraId },
                new() { Value = watchlistId },
                new() { Value = subjectId },
                new() { Value = at.ToUniversalTime() },
            },
        };
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new PriorAlert(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1))
            : null;
    }
}
