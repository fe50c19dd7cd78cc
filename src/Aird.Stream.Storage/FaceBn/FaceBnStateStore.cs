using Npgsql;
using NpgsqlTypes;

namespace Aird.Stream.Storage.FaceBn;

/// <summary>Loads and saves per-camera FaceBN state blobs keyed by (camera id, model version).</summary>
public sealed class FaceBnStateStore(NpgsqlDataSource dataSource)
{
    /// <summary>The stored state, or null when the camera has none for that model version.</summary>
    /// <exception cref="DatabaseUnavailableException">PostgreSQL cannot be reached.</exception>
    public async Task<StoredFaceBnState?> LoadAsync(string cameraId, string modelVersion, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cameraId);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelVersion);
        await using var connection = await dataSource.OpenCheckedAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT state, faces_seen FROM facebn_state WHERE camera_id = $1 AND model_version = $2", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = cameraId });
        command.Parameters.Add(new NpgsqlParameter { Value = modelVersion });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredFaceBnState(cameraId, modelVersion, reader.GetFieldValue<byte[]>(0), reader.GetInt64(1));
    }

    /// <summary>
    /// Inserts or replaces the camera's state. A state that has seen fewer faces than the stored one is not written:
    /// saves of one camera may arrive out of order (a periodic save behind the one at a revocation, or a former
    /// owner that has not noticed the rebalance yet), and the state with more faces is the later one.
    /// Saving the same state again changes nothing but the time stamp.
    /// </summary>
    /// <returns>False when a state with more faces seen was already stored.</returns>
    /// <exception cref="DatabaseUnavailableException">PostgreSQL cannot be reached.</exception>
    public async Task<bool> SaveAsync(StoredFaceBnState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentException.ThrowIfNullOrWhiteSpace(state.CameraId, nameof(state));
        ArgumentException.ThrowIfNullOrWhiteSpace(state.ModelVersion, nameof(state));
        ArgumentOutOfRangeException.ThrowIfNegative(state.FacesSeen, nameof(state));
        await using var connection = await dataSource.OpenCheckedAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO facebn_state (camera_id, model_version, state, faces_seen, updated_at)
            VALUES ($1, $2, $3, $4, now())
            ON CONFLICT (camera_id, model_version) DO UPDATE
                SET state = EXCLUDED.state, faces_seen = EXCLUDED.faces_seen, updated_at = EXCLUDED.updated_at
                WHERE facebn_state.faces_seen <= EXCLUDED.faces_seen
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = state.CameraId });
        command.Parameters.Add(new NpgsqlParameter { Value = state.ModelVersion });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea, Value = state.State.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = state.FacesSeen });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Removes the camera's state (e.g. one that cannot be read any more), so that it starts afresh.</summary>
    /// <exception cref="DatabaseUnavailableException">PostgreSQL cannot be reached.</exception>
    public async Task DeleteAsync(string cameraId, string modelVersion, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(cameraId);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelVersion);
        await using var connection = await dataSource.OpenCheckedAsync(cancellationToken);
        await using var command = new NpgsqlCommand("DELETE FROM facebn_state WHERE camera_id = $1 AND model_version = $2", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = cameraId });
        command.Parameters.Add(new NpgsqlParameter { Value = modelVersion });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
