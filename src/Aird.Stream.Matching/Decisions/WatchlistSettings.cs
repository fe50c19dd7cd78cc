namespace Aird.Stream.Matching.Decisions;

/// <summary>One watchlist's decision settings, as the <c>watchlists</c> table holds them (cosine similarities).</summary>
/// <param name="MatchThreshold">A face matches a subject from this similarity on...</param>
/// <param name="Margin">...when the best subject leads the second-best by at least this much.</param>
/// <param name="UnknownThreshold">Below this similarity to every subject a face is unknown.</param>
/// <param name="AlertOnUnknown">Whether unknown faces raise alerts on this watchlist.</param>
/// <param name="Cooldown">Least time between two alerts for one subject on one camera.</param>
public sealed record WatchlistSettings(
    Guid WatchlistId,
    string Name,
    float MatchThreshold,
    float UnknownThreshold,
    float Margin,
    bool AlertOnUnknown,
    TimeSpan Cooldown);
