using Aird.Stream.Matching.Decisions;
using Aird.Stream.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Aird.Stream.Matching.Persistence;

/// <summary>
/// The watchlists and their settings, read from PostgreSQL and cached for <see cref="MatcherOptions.WatchlistRefreshSeconds"/>
/// so that a new watchlist or changed thresholds take effect without a restart.
/// </summary>
internal sealed class WatchlistCatalog
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;
    private readonly TimeSpan _refresh;
    private Snapshot _snapshot = new([], DateTimeOffset.MinValue);

    public WatchlistCatalog(NpgsqlDataSource dataSource, IOptions<MatcherOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _dataSource = dataSource;
        _time = time;
        _refresh = TimeSpan.FromSeconds(options.Value.WatchlistRefreshSeconds);
    }

    /// <summary>Every watchlist, read again when the cached list is older than the refresh interval.</summary>
    /// <exception cref="DatabaseUnavailableException">PostgreSQL cannot be reached.</exception>
    public async ValueTask<IReadOnlyList<WatchlistSettings>> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        var now = _time.GetUtcNow();
        if (now - snapshot.LoadedAt < _refresh)
        {
            return snapshot.Watchlists;
        }

        // Two callers may both reload at the same moment: harmless, and cheaper than making every call wait on a lock.
        snapshot = new Snapshot(await LoadAsync(cancellationToken), now);
        _snapshot = snapshot;
        return snapshot.Watchlists;
    }

    private async Task<IReadOnlyList<WatchlistSettings>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenCheckedAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            """
            SELECT watchlist_id, name, match_threshold, unknown_threshold, margin, alert_on_unknown, cooldown
            FROM watchlists ORDER BY name
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var watchlists = new List<WatchlistSettings>();
        while (await reader.ReadAsync(cancellationToken))
        {
            watchlists.Add(new WatchlistSettings(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetFloat(2),
                reader.GetFloat(3),
                reader.GetFloat(4),
                reader.GetBoolean(5),
                reader.GetFieldValue<TimeSpan>(6)));
        }

        return watchlists;
    }

    private sealed record Snapshot(IReadOnlyList<WatchlistSettings> Watchlists, DateTimeOffset LoadedAt);
}
