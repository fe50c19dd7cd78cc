using System.Diagnostics.Metrics;

namespace Aird.Stream.Storage;

/// <summary>Instruments of the storage layer (meter <c>Aird.Stream.Storage</c>).</summary>
internal static class StorageMetrics
{
    public const string MeterName = "Aird.Stream.Storage";

    private static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> SightingsWritten = Meter.CreateCounter<long>(
        "aird.storage.sightings.written", "{sighting}", "Sightings stored for the first time.");

    public static readonly Counter<long> SightingsDuplicate = Meter.CreateCounter<long>(
        "aird.storage.sightings.duplicate", "{sighting}", "Sightings received again (replays) and skipped.");

    public static readonly Histogram<double> SearchDuration = Meter.CreateHistogram<double>(
        "aird.storage.search.duration", "s", "Time of one nearest-neighbour search over sightings.");
}
