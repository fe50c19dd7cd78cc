namespace Aird.Stream.Storage.Watchlists;

/// <summary>A watchlist row; <see cref="Created"/> tells whether this call created it.</summary>
public sealed record StoredWatchlist(Guid WatchlistId, string Name, WatchlistSettings Settings, bool Created);
