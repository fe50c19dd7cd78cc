namespace Aird.Stream.Matching;

/// <summary>Settings of the matcher role (<c>aird match</c>). Section <c>Matcher</c>.</summary>
public sealed class MatcherOptions
{
    public const string SectionName = "Matcher";

    /// <summary>Consumer group of the matchers: the embeddings' partitions are shared among its members.</summary>
    public string GroupId { get; set; } = "aird-matcher";

    /// <summary>How old the cached watchlists may get before they are read again, so enrollments take effect.</summary>
    public int WatchlistRefreshSeconds { get; set; } = 30;

    /// <summary>
    /// Nearest enrolled faces fetched per watchlist before they are ranked per subject: with several faces per
    /// subject, enough that the second-best subject is among them.
    /// </summary>
    public int CandidateFaces { get; set; } = 16;

    /// <summary>How long (capture time) after its last face a track is forgotten by the alert aggregation.</summary>
    public int TrackIdleSeconds { get; set; } = 600;

    /// <summary>
    /// Most faces handled together: their sightings are written in one binary COPY, so a larger batch costs less per
    /// face. A batch and, should it fail, its faces handled one at a time must fit in <c>Kafka:MaxPollIntervalMs</c>.
    /// </summary>
    public int MaxBatchSize { get; set; } = 128;

    /// <summary>How long the first face of a batch waits for more to arrive.</summary>
    public int MaxWaitMs { get; set; } = 50;

    /// <summary>
    /// How long one batch of faces waits for PostgreSQL to come back (connection refused, server restarting) before it counts
    /// as failed and the consumer loop's retries and dead-lettering take over. Keep it below
    /// <c>Kafka:MaxPollIntervalMs</c>, or the group evicts the waiting member.
    /// </summary>
    public int DatabaseRetrySeconds { get; set; } = 120;
}
