namespace Aird.Stream.Storage.Watchlists;

/// <summary>A subject row; <see cref="Created"/> tells whether this call created it.</summary>
public sealed record StoredSubject(Guid SubjectId, Guid WatchlistId, string DisplayName, bool Created);
