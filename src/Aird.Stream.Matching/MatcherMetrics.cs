using System.Diagnostics.Metrics;

namespace Aird.Stream.Matching;

/// <summary>Counters of the matcher, on meter <see cref="MeterName"/>.</summary>
public sealed class MatcherMetrics
{
    public const string MeterName = "Aird.Stream.Matching";

    private readonly Counter<long> facesMatched;
    private readonly Counter<long> alertsRaised;
    private readonly Counter<long> sightingsWritten;

    public MatcherMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        facesMatched = meter.CreateCounter<long>(
            "aird.matching.faces_matched", "{face}", "Faces that matched a watchlist subject (once per watchlist).");
        alertsRaised = meter.CreateCounter<long>(
            "aird.matching.alerts_raised", "{alert}", "Alerts stored and published for the first time.");
        sightingsWritten = meter.CreateCounter<long>(
            "aird.matching.sightings_written", "{sighting}", "Sightings stored for the first time (replays not counted).");
    }

    internal void FaceMatched(Guid watchlistId) =>
        facesMatched.Add(1, new KeyValuePair<string, object?>("watchlist", watchlistId.ToString()));

    internal void AlertRaised(string kind) => alertsRaised.Add(1, new KeyValuePair<string, object?>("kind", kind));

    internal void SightingsWritten(int count) => sightingsWritten.Add(count);
}
