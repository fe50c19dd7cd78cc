using System.Globalization;
using Aird.Stream.Matching.Decisions;
using Aird.Stream.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using Pgvector;

namespace Aird.Stream.Matching.Persistence;

/// <summary>The enrolled subjects nearest to a face, per watchlist, with pgvector.</summary>
internal sealed class SubjectSearch
{
    /// <summary>Subjects returned per watchlist: the best and its closest rival are all a decision needs.</summary>
    public const int SubjectsPerWatchlist = 2;

    // Per watchlist: the nearest enrolled faces of the face's model (the HNSW index when the planner finds it worth
    // it, iterative scan so that the watchlist filter still yields enough of them), then each subject's best exact
    // similarity among them, best first. Grouping per subject keeps a subject's second face from being its rival.
    private const string Sql =
        """
        SELECT w.watchlist_id, best.subject_id, best.similarity
        FROM unnest($2::uuid[]) AS w(watchlist_id)
        CROSS JOIN LATERAL (
            SELECT nearest.subject_id, max(1 - (nearest.embedding <=> $1)) AS similarity
            FROM (
                SELECT f.subject_id, f.embedding
                FROM subject_faces f JOIN subjects s ON s.subject_id = f.subject_id
                WHERE s.watchlist_id = w.watchlist_id AND f.model_version = $3
                ORDER BY f.embedding <=> $1
                LIMIT $4
            ) AS nearest
            GROUP BY nearest.subject_id
            ORDER BY similarity DESC
            LIMIT $5
        ) AS best
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly int _efSearch;
    private readonly int _candidateFaces;

    public SubjectSearch(NpgsqlDataSource dataSource, IOptions<PostgresOptions> postgres, IOptions<MatcherOptions> options)
    {
        ArgumentNullException.ThrowIfNull(postgres);
        ArgumentNullException.ThrowIfNull(options);
        _dataSource = dataSource;
        _candidateFaces = options.Value.CandidateFaces;
        _efSearch = Math.Max(postgres.Value.HnswEfSearch, _candidateFaces);
    }

    /// <summary>The best <see cref="SubjectsPerWatchlist"/> subjects of each watchlist, best first.</summary>
    /// <param name="embedding">The face, L2-normalised, <see cref="EmbeddingSpace.Dimension"/> values.</param>
    /// <param name="modelVersion">Only faces enrolled with this embedder are compared: other models' spaces differ.</param>
    /// <returns>Every requested watchlist; an empty list where it has no subject enrolled with that model.</returns>
    /// <exception cref="DatabaseUnavailableException">PostgreSQL cannot be reached.</exception>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<SubjectCandidate>>> NearestAsync(
        ReadOnlyMemory<float> embedding, string modelVersion, IReadOnlyCollection<Guid> watchlistIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(watchlistIds);
        var found = watchlistIds.ToDictionary(id => id, _ => new List<SubjectCandidate>(SubjectsPerWatchlist));
        if (found.Count == 0)
        {
            return found.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<SubjectCandidate>)pair.Value);
        }

        await using var connection = await _dataSource.OpenCheckedAsync(cancellationToken);
        // SET LOCAL semantics: the settings end with the transaction and never leak into a pooled connection.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var settings = new NpgsqlCommand(
            "SELECT set_config('hnsw.ef_search', $1, true), set_config('hnsw.iterative_scan', 'relaxed_order', true)", connection))
        {
            settings.Parameters.Add(new() { Value = _efSearch.ToString(CultureInfo.InvariantCulture) });
            await settings.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var command = new NpgsqlCommand(Sql, connection))
        {
            command.Parameters.Add(new() { Value = new Vector(embedding) });
            command.Parameters.Add(new() { Value = found.Keys.ToArray() });
            command.Parameters.Add(new() { Value = modelVersion });
            command.Parameters.Add(new() { Value = _candidateFaces });
            command.Parameters.Add(new() { Value = SubjectsPerWatchlist });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                found[reader.GetGuid(0)].Add(new SubjectCandidate(reader.GetGuid(1), (float)reader.GetDouble(2)));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return found.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<SubjectCandidate>)pair.Value);
    }
}
