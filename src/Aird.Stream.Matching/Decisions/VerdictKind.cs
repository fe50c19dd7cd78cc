namespace Aird.Stream.Matching.Decisions;

public enum VerdictKind
{
    /// <summary>Nobody on the watchlist is close, and the watchlist does not alert on unknown faces.</summary>
    None,

    /// <summary>One subject is above the match threshold and ahead of every other subject by the margin.</summary>
    Match,

    /// <summary>Nobody is above the unknown threshold, and the watchlist alerts on unknown faces.</summary>
    Unknown,

    /// <summary>Between the thresholds, or a match without the margin: no alert either way.</summary>
    Ambiguous,
}
