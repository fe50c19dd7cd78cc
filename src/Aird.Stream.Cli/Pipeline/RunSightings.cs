using Npgsql;

namespace Aird.Stream.Cli.Pipeline;

/// <summary>What a run stored as sightings, read back from the database itself.</summary>
internal sealed class RunSightings(NpgsqlDataSource dataSource)
{
    /// <summary>Sightings and tracks of <paramref name="cameraIds"/> captured at or after <paramref name="since"/>.</summary>
    public async Task<IReadOnlyDictionary<string, CameraSightings>> CountAsync(
        IReadOnlyList<string> cameraIds, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT camera_id, count(*), count(DISTINCT track_id)
            FROM sightings
            WHERE captured_at >= $1 AND camera_id = ANY($2)
            GROUP BY camera_id
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = since });
        command.Parameters.Add(new NpgsqlParameter { Value = cameraIds.ToArray() });
        var counts = new Dictionary<string, CameraSightings>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = new CameraSightings(reader.GetInt64(1), reader.GetInt64(2));
        }

        return counts;
    }

    /// <summary>The vertical centre of each face's box in its frame, by face id; faces not stored are left out.</summary>
    public async Task<IReadOnlyDictionary<string, float>> FaceCentresYAsync(IReadOnlyList<string> faceIds, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT face_id, bbox_y + (bbox_height / 2) FROM sightings WHERE face_id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = faceIds.ToArray() });
        var centres = new Dictionary<string, float>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            centres[reader.GetString(0)] = reader.GetFloat(1);
        }

        return centres;
    }
}
