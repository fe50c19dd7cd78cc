namespace Aird.Stream.Matching.Decisions;

/// <summary>Decides match, unknown or neither for one face on one watchlist from its best candidate subjects.</summary>
public static class WatchlistDecision
{
    /// <summary>The least cosine similarity: stands in for a missing best or second-best subject.</summary>
    public const float NoSimilarity = -1f;

    /// <param name="candidates">
    /// The nearest subjects of the watchlist, in any order. A subject may appear more than once (one entry per stored
    /// face): only its best similarity counts, so a subject is never its own rival.
    /// </param>
    public static WatchlistVerdict Decide(IEnumerable<SubjectCandidate> candidates, WatchlistSettings watchlist)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(watchlist);

        SubjectCandidate? best = null;
        var second = NoSimilarity;
        foreach (var candidate in candidates)
        {
            if (best is not { } leader)
            {
                best = candidate;
            }
            else if (candidate.SubjectId == leader.SubjectId)
            {
                best = candidate.Similarity > leader.Similarity ? candidate : leader;
            }
            else if (candidate.Similarity > leader.Similarity)
            {
                second = leader.Similarity;
                best = candidate;
            }
            else
            {
                second = Math.Max(second, candidate.Similarity);
            }
        }

        var similarity = best?.Similarity ?? NoSimilarity;
        var margin = similarity - second;
        if (best is { } top && similarity >= watchlist.MatchThreshold && margin >= watchlist.Margin)
        {
            return new WatchlistVerdict(VerdictKind.Match, top.SubjectId, similarity, margin);
        }

        var kind = similarity < watchlist.UnknownThreshold
            ? (watchlist.AlertOnUnknown ? VerdictKind.Unknown : VerdictKind.None)
            : VerdictKind.Ambiguous;
        return new WatchlistVerdict(kind, null, similarity, margin);
    }
}
