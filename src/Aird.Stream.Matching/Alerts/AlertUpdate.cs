namespace Aird.Stream.Matching.Alerts;

/// <summary>What one face did to the alerts of one watchlist.</summary>
public sealed record AlertUpdate(AlertChange Change, AggregatedAlert Alert);
