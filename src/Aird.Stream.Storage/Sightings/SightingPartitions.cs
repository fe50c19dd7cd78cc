using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Aird.Stream.Storage.Sightings;

/// <summary>
/// Makes sure the day partitions a batch of sightings needs exist before it is written (aird_ensure_sighting_partition),
/// asking the database once per day and process. Should a partition vanish later (retention), rows of that day go to
/// the default partition: nothing is lost.
/// </summary>
internal sealed partial class SightingPartitions(ILogger logger)
{
    private readonly ConcurrentDictionary<DateOnly, bool> _known = new();

    public async Task EnsureAsync(NpgsqlConnection connection, IEnumerable<SightingRecord> sightings, CancellationToken cancellationToken)
    {
        var missing = sightings
            .Select(s => DateOnly.FromDateTime(s.CapturedAt.UtcDateTime))
            .Distinct()
            .Where(day => !_known.ContainsKey(day))
            .ToArray();
        if (missing.Length == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand(
            "SELECT day, aird_ensure_sighting_partition(day) FROM unnest($1::date[]) AS day", connection)
        {
            Parameters = { new() { Value = missing } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var day = reader.GetFieldValue<DateOnly>(0);
            if (reader.GetBoolean(1))
            {
                LogCreated(day);
            }

            _known[day] = true;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created sightings partition for {Day}")]
    private partial void LogCreated(DateOnly day);
}
