namespace Aird.Stream.Matching.Decisions;

/// <summary>What one face means for one watchlist.</summary>
/// <param name="SubjectId">The matched subject; null unless <see cref="VerdictKind.Match"/>.</param>
/// <param name="Similarity">The best subject's similarity, -1 when the watchlist has no candidate at all.</param>
/// <param name="Margin">Best minus second-best subject similarity (the second counts as -1 when there is none).</param>
public readonly record struct WatchlistVerdict(VerdictKind Kind, Guid? SubjectId, float Similarity, float Margin);
