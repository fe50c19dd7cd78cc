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

    /// <summary>
    /// For each face, the best <see cref="SubjectsPerWatchlist"/> subjects of each watchlist, best first; one
    /// connection, one transaction and one round trip for all the faces.
    /// </summary>
    /// <param name="faces">L2-normalised embeddings (<see cref="EmbeddingSpace.Dimension"/> values) and the model
    /// version of each: only faces enrolled with that embedder are compared, other models' spaces differ.</param>
    /// <returns>Per face, in order, every requested watchlist; an empty list where it has no subject enrolled with that model.</returns>
    /// <exception cref="DatabaseUnavailableException">PostgreSQL cannot be reached.</exception>
    public async Task<IReadOnlyList<IReadOnlyDictionary<Guid, IReadOnlyList<SubjectCandidate>>>> NearestAsync(
        IReadOnlyList<(ReadOnlyMemory<float> Embedding, string ModelVersion)> faces,
        IReadOnlyCollection<Guid> watchlistIds,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(faces);
        ArgumentNullException.ThrowIfNull(watchlistIds);
        var found = faces.Select(_ => watchlistIds.ToDictionary(id => id, _ => new List<SubjectCandidate>(SubjectsPerWatchlist))).ToList();
        if (faces.Count > 0 && watchlistIds.Count > 0)
        {
            await SearchAsync(faces, watchlistIds, found, cancellationToken);
        }

        return [.. found.Select(f => (IReadOnlyDictionary<Guid, IReadOnlyList<SubjectCandidate>>)f.ToDictionary(
            pair => pair.Key, pair => (IReadOnlyList<SubjectCandidate>)pair.Value))];
    }

    private async Task SearchAsync(
        IReadOnlyList<(ReadOnlyMemory<float> Embedding, string ModelVersion)> faces,
        IReadOnlyCollection<Guid> watchlistIds,
        List<Dictionary<Guid, List<SubjectCandidate>>> found,
        CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenCheckedAsync(cancellationToken);
        // SET LOCAL semantics: the settings end with the transaction and never leak into a pooled connection.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        var settings = new NpgsqlBatchCommand("SELECT set_config('hnsw.ef_search', $1, true), set_config('hnsw.iterative_scan', 'relaxed_order', true)");
        settings.Parameters.Add(new() { Value = _efSearch.ToString(CultureInfo.InvariantCulture) });
        batch.BatchCommands.Add(settings);
        Guid[] ids = [.. watchlistIds];
        foreach (var (embedding, modelVersion) in faces)
        {
            var search = new NpgsqlBatchCommand(Sql);
            search.Parameters.Add(new() { Value = new Vector(embedding) });
            search.Parameters.Add(new() { Value = ids });
            search.Parameters.Add(new() { Value = modelVersion });
            search.Parameters.Add(new() { Value = _candidateFaces });
            search.Parameters.Add(new() { Value = SubjectsPerWatchlist });
            batch.BatchCommands.Add(search);
        }

        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
        {
            // The settings' one row first, then one result set per face.
            for (var face = -1; face < faces.Count; face++)
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    if (face >= 0)
                    {
                        found[face][reader.GetGuid(0)].Add(new SubjectCandidate(reader.GetGuid(1), (float)reader.GetDouble(2)));
                    }
                }

                await reader.NextResultAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
