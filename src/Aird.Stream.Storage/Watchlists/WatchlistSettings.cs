namespace Aird.Stream.Storage.Watchlists;

/// <summary>
/// The decision settings of one watchlist (cosine similarities in [-1, 1], see the watchlists table): a face
/// matches when its best subject reaches <see cref="MatchThreshold"/> and beats the second by <see cref="Margin"/>;
/// it is unknown below <see cref="UnknownThreshold"/>, which alerts only with <see cref="AlertOnUnknown"/>.
/// </summary>
public sealed record WatchlistSettings(
    float MatchThreshold,
    float UnknownThreshold,
    float Margin,
    bool AlertOnUnknown,
    TimeSpan Cooldown)
{
    /// <summary>The problem with these settings, as the table's constraints would state it, or null when valid.</summary>
    public string? Problem() =>
        MatchThreshold is < -1 or > 1 || float.IsNaN(MatchThreshold) ? $"the match threshold {MatchThreshold} is not a cosine similarity in [-1, 1]"
        : UnknownThreshold is < -1 or > 1 || float.IsNaN(UnknownThreshold) ? $"the unknown threshold {UnknownThreshold} is not a cosine similarity in [-1, 1]"
        : UnknownThreshold > MatchThreshold ? $"the unknown threshold {UnknownThreshold} is above the match threshold {MatchThreshold}"
        : !(Margin >= 0) ? $"the margin {Margin} is negative"
        : Cooldown < TimeSpan.Zero ? $"the cooldown {Cooldown} is negative"
        : null;
}
