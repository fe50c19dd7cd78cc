using Npgsql;
using Pgvector;

namespace Aird.Stream.Matching.Tests;

/// <summary>Watchlists and enrolled faces written straight into the tables, as the API's enrollment will.</summary>
internal static class Enrollment
{
    public const string Model = "student-test";

    public static async Task<Guid> WatchlistAsync(
        NpgsqlDataSource dataSource, string name, float match = 0.75f, float unknown = 0.4f, float margin = 0.05f, bool alertOnUnknown = false, TimeSpan? cooldown = null)
    {
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO watchlists (name, match_threshold, unknown_threshold, margin, alert_on_unknown, cooldown)
            VALUES ($1, $2, $3, $4, $5, $6) RETURNING watchlist_id
            """);
        command.Parameters.Add(new() { Value = name });
        command.Parameters.Add(new() { Value = match });
        command.Parameters.Add(new() { Value = unknown });
        command.Parameters.Add(new() { Value = margin });
        command.Parameters.Add(new() { Value = alertOnUnknown });
        command.Parameters.Add(new() { Value = cooldown ?? TimeSpan.FromMinutes(5) });
        return (Guid)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    public static async Task<Guid> SubjectAsync(NpgsqlDataSource dataSource, Guid watchlistId, string name, params float[][] faces) =>
        await SubjectAsync(dataSource, watchlistId, name, Model, faces);

    public static async Task<Guid> SubjectAsync(NpgsqlDataSource dataSource, Guid watchlistId, string name, string model, params float[][] faces)
    {
        await using var subject = dataSource.CreateCommand(
            "INSERT INTO subjects (watchlist_id, display_name) VALUES ($1, $2) RETURNING subject_id");
        subject.Parameters.Add(new() { Value = watchlistId });
        subject.Parameters.Add(new() { Value = name });
        var subjectId = (Guid)(await subject.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
        foreach (var face in faces)
        {
            await using var insert = dataSource.CreateCommand(
                "INSERT INTO subject_faces (subject_id, embedding, model_version) VALUES ($1, $2, $3)");
            insert.Parameters.Add(new() { Value = subjectId });
            insert.Parameters.Add(new() { Value = new Vector(face) });
            insert.Parameters.Add(new() { Value = model });
            await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        return subjectId;
    }
}
