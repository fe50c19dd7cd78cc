using Aird.Stream.Contracts;
using Aird.Stream.Matching.Alerts;
using Aird.Stream.Matching.Persistence;
using Aird.Stream.Testing;

namespace Aird.Stream.Matching.Tests;

public class AlertStoreTests(MatchingDatabase database) : IClassFixture<MatchingDatabase>
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private AlertStore Store => new(database.DataSource);

    [Fact]
    public async Task An_alert_is_stored_and_published_once()
    {
        var alert = await AlertAsync("once");
        var published = 0;

        var first = await Store.RaiseAsync(alert, _ => Publish(ref published), Cancel);
        var replay = await Store.RaiseAsync(alert with { Sightings = 2 }, _ => Publish(ref published), Cancel);

        Assert.True(first);
        Assert.False(replay);
        Assert.Equal(1, published);
        Assert.Equal(1L, await database.ScalarAsync<long>("SELECT count(*) FROM alerts WHERE alert_id = $1", alert.AlertId));
        Assert.Equal("match", await database.ScalarAsync<string>("SELECT kind FROM alerts WHERE alert_id = $1", alert.AlertId));
    }

    [Fact]
    public async Task A_failed_publication_stores_nothing_so_the_retry_publishes()
    {
        var alert = await AlertAsync("unpublished");
        var published = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => Store.RaiseAsync(alert, _ => throw new InvalidOperationException("Kafka is down"), Cancel));
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM alerts WHERE alert_id = $1", alert.AlertId));

        Assert.True(await Store.RaiseAsync(alert, _ => Publish(ref published), Cancel));
        Assert.Equal(1, published);
    }

    [Fact]
    public async Task Folding_counts_each_later_face_once_and_keeps_the_best()
    {
        var alert = await AlertAsync("folded");
        await Store.RaiseAsync(alert, _ => Task.CompletedTask, Cancel);
        var better = alert with { FaceId = "face-2", Similarity = 0.9f, Margin = 0.4f, LastSeen = T0.AddSeconds(2) };
        var worse = alert with { FaceId = "face-3", Similarity = 0.7f, Margin = 0.1f, LastSeen = T0.AddSeconds(3) };

        Assert.True(await Store.FoldAsync(better, Cancel));
        Assert.False(await Store.FoldAsync(better, Cancel));
        Assert.True(await Store.FoldAsync(worse, Cancel));
        Assert.False(await Store.FoldAsync(alert with { LastSeen = T0.AddSeconds(1) }, Cancel));
        Assert.False(await Store.FoldAsync(alert with { AlertId = "missing", LastSeen = T0.AddSeconds(9) }, Cancel));

        Assert.Equal(
            "3 face-2 0.9 0.4 12:00:03",
            await database.ScalarAsync<string>(
                "SELECT concat_ws(' ', sightings, face_id, similarity, margin, to_char(last_seen AT TIME ZONE 'UTC', 'HH24:MI:SS')) FROM alerts WHERE alert_id = $1",
                alert.AlertId));
    }

    [Fact]
    public async Task The_last_match_is_the_latest_that_began_by_the_given_time()
    {
        var early = await AlertAsync("history", "track-1", T0);
        var late = early with { AlertId = "history-2", TrackId = "track-2", FirstSeen = T0.AddMinutes(10), LastSeen = T0.AddMinutes(10) };
        await Store.RaiseAsync(early, _ => Task.CompletedTask, Cancel);
        await Store.RaiseAsync(late, _ => Task.CompletedTask, Cancel);
        var subject = early.SubjectId!.Value;

        Assert.Null(await Store.LastMatchAsync("cam", early.WatchlistId, subject, T0.AddSeconds(-1), Cancel));
        Assert.Equal(new PriorAlert("track-1", T0), await Store.LastMatchAsync("cam", early.WatchlistId, subject, T0.AddMinutes(5), Cancel));
        Assert.Equal(new PriorAlert("track-2", T0.AddMinutes(10)), await Store.LastMatchAsync("cam", early.WatchlistId, subject, T0.AddHours(1), Cancel));
        Assert.Null(await Store.LastMatchAsync("other-cam", early.WatchlistId, subject, T0.AddHours(1), Cancel));
    }

    [Fact]
    public async Task An_alert_about_a_deleted_subject_is_not_raised()
    {
        var alert = await AlertAsync("deleted");
        await using (var delete = database.DataSource.CreateCommand("DELETE FROM subjects WHERE subject_id = $1"))
        {
            delete.Parameters.Add(new() { Value = alert.SubjectId!.Value });
            await delete.ExecuteNonQueryAsync(Cancel);
        }

        var published = 0;

        Assert.False(await Store.RaiseAsync(alert, _ => Publish(ref published), Cancel));
        Assert.Equal(0, published);
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM alerts WHERE alert_id = $1", alert.AlertId));
    }

    [Fact]
    public async Task An_unknown_alert_has_no_subject()
    {
        var watchlist = await Enrollment.WatchlistAsync(database.DataSource, "unknowns", alertOnUnknown: true);
        var alert = new AggregatedAlert("unknown-1", AlertKind.Unknown, "cam", "track-1", watchlist, null, "face-1", 0.1f, 0.05f, T0, T0, 1);

        Assert.True(await Store.RaiseAsync(alert, _ => Task.CompletedTask, Cancel));
        Assert.Equal("unknown", await database.ScalarAsync<string>("SELECT kind || coalesce(subject_id::text, '') FROM alerts WHERE alert_id = $1", "unknown-1"));
    }

    private static Task Publish(ref int published)
    {
        published++;
        return Task.CompletedTask;
    }

    private async Task<AggregatedAlert> AlertAsync(string name, string track = "track-1", DateTimeOffset? at = null)
    {
        var watchlist = await Enrollment.WatchlistAsync(database.DataSource, name);
        var subject = await Enrollment.SubjectAsync(database.DataSource, watchlist, "alice", UnitVectors.Unit(new Random(1)));
        var seen = at ?? T0;
        return new AggregatedAlert($"{name}-1", AlertKind.Match, "cam", track, watchlist, subject, "face-1", 0.8f, 0.3f, seen, seen, 1);
    }
}
