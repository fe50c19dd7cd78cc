using System.Collections.Concurrent;
using Npgsql;

namespace Aird.Stream.Cli.Pipeline;

/// <summary>The names of watchlists and subjects by id, read from PostgreSQL once each and cached.</summary>
internal sealed class SubjectDirectory(NpgsqlDataSource dataSource)
{
    private const string WatchlistName = "SELECT name FROM watchlists WHERE watchlist_id = $1";
    private const string SubjectName = "SELECT display_name FROM subjects WHERE subject_id = $1";

    private readonly ConcurrentDictionary<(string Query, string Id), string> _names = new();

    public Task<string> WatchlistAsync(string watchlistId, CancellationToken cancellationToken) =>
        NameAsync(WatchlistName, watchlistId, cancellationToken);

    public Task<string> SubjectAsync(string subjectId, CancellationToken cancellationToken) =>
        NameAsync(SubjectName, subjectId, cancellationToken);

    /// <summary>The name, or the id itself when the row is gone (deleted since the alert) or the id is no uuid.</summary>
    private async Task<string> NameAsync(string query, string id, CancellationToken cancellationToken)
    {
        if (_names.TryGetValue((query, id), out var cached))
        {
            return cached;
        }

        if (!Guid.TryParse(id, out var guid))
        {
            return id;
        }

        await using var command = dataSource.CreateCommand(query);
        command.Parameters.Add(new NpgsqlParameter { Value = guid });
        var name = await command.ExecuteScalarAsync(cancellationToken) as string ?? id;
        _names[(query, id)] = name;
        return name;
    }
}
