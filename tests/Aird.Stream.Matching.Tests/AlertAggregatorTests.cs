using Aird.Stream.Contracts;
using Aird.Stream.Matching.Alerts;
using Aird.Stream.Matching.Decisions;

namespace Aird.Stream.Matching.Tests;

public class AlertAggregatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Alice = Guid.NewGuid();
    private static readonly Guid Bob = Guid.NewGuid();

    private static readonly WatchlistSettings Watchlist = new(
        Guid.NewGuid(), "test", 0.75f, 0.5f, 0.125f, AlertOnUnknown: true, Cooldown: TimeSpan.FromMinutes(5));

    private readonly AlertAggregator _aggregator = new(TimeSpan.FromMinutes(10));

    [Fact]
    public void The_first_match_of_a_track_raises_and_later_faces_fold_into_it()
    {
        var raised = Observe("track-1", 0, Match(Alice, 0.8f));
        var folded = Observe("track-1", 1, Match(Alice, 0.9f));
        var weaker = Observe("track-1", 2, Match(Alice, 0.85f));

        Assert.Equal(AlertChange.Raised, raised!.Change);
        Assert.Equal(new AggregatedAlert(
            raised.Alert.AlertId, AlertKind.Match, "cam", "track-1", Watchlist.WatchlistId, Alice, "face-0", 0.8f, 0.3f, T0, T0, 1), raised.Alert);
        Assert.Equal(AlertChange.Folded, folded!.Change);
        Assert.Equal(AlertChange.Folded, weaker!.Change);
        Assert.Equal(raised.Alert.AlertId, weaker.Alert.AlertId);
        Assert.Equal(("face-1", 0.9f, 3, T0, T0.AddSeconds(2)), (weaker.Alert.FaceId, weaker.Alert.Similarity, weaker.Alert.Sightings, weaker.Alert.FirstSeen, weaker.Alert.LastSeen));
    }

    [Fact]
    public void A_redelivered_face_changes_nothing()
    {
        Observe("track-1", 0, Match(Alice, 0.8f));
        Observe("track-1", 1, Match(Alice, 0.8f));

        Assert.Null(Observe("track-1", 1, Match(Alice, 0.8f)));
        Assert.Null(Observe("track-1", 0, Match(Alice, 0.8f)));
        Assert.Equal(3, Observe("track-1", 2, Match(Alice, 0.8f))!.Alert.Sightings);
    }

    [Fact]
    public void Non_matches_neither_raise_nor_fold()
    {
        Observe("track-1", 0, Match(Alice, 0.8f));

        Assert.Null(Observe("track-1", 1, new WatchlistVerdict(VerdictKind.Ambiguous, null, 0.7f, 0.1f)));
        Assert.Null(Observe("track-1", 2, new WatchlistVerdict(VerdictKind.None, null, 0.1f, 0.1f)));
        Assert.Null(Observe("track-2", 3, new WatchlistVerdict(VerdictKind.Ambiguous, null, 0.7f, 0.1f)));
    }

    [Fact]
    public void A_new_track_of_the_same_subject_waits_for_the_cooldown()
    {
        Observe("track-1", 0, Match(Alice, 0.8f));

        Assert.Null(Observe("track-2", 60, Match(Alice, 0.95f)));
        Assert.Null(Observe("track-3", 299, Match(Alice, 0.95f)));
        var again = Observe("track-3", 300, Match(Alice, 0.95f));

        Assert.Equal(AlertChange.Raised, again!.Change);
        Assert.Equal("track-3", again.Alert.TrackId);
        Assert.Null(Observe("track-4", 400, Match(Alice, 0.95f)));
    }

    [Fact]
    public void The_cooldown_is_per_subject_camera_and_watchlist()
    {
        Observe("track-1", 0, Match(Alice, 0.8f));

        Assert.Equal(AlertChange.Raised, Observe("track-2", 1, Match(Bob, 0.8f))!.Change);
        Assert.Equal(AlertChange.Raised, _aggregator.Observe(Face("other-cam", "track-1", 2), Watchlist, Match(Alice, 0.8f))!.Change);
        var otherList = Watchlist with { WatchlistId = Guid.NewGuid() };
        Assert.Equal(AlertChange.Raised, _aggregator.Observe(Face("cam", "track-1", 3), otherList, Match(Alice, 0.8f))!.Change);
    }

    [Fact]
    public void No_cooldown_lets_every_new_track_alert()
    {
        var eager = Watchlist with { Cooldown = TimeSpan.Zero };

        Assert.NotNull(_aggregator.Observe(Face("cam", "track-1", 0), eager, Match(Alice, 0.8f)));
        Assert.Equal(AlertChange.Raised, _aggregator.Observe(Face("cam", "track-2", 0), eager, Match(Alice, 0.8f))!.Change);
        Assert.Equal(AlertChange.Folded, _aggregator.Observe(Face("cam", "track-2", 1), eager, Match(Alice, 0.8f))!.Change);
    }

    [Fact]
    public void A_track_switches_subject_only_for_a_better_score()
    {
        Observe("track-1", 0, Match(Alice, 0.85f));

        Assert.Null(Observe("track-1", 1, Match(Bob, 0.8f)));
        Assert.Null(Observe("track-1", 2, Match(Bob, 0.85f)));
        var switched = Observe("track-1", 3, Match(Bob, 0.9f));
        var back = Observe("track-1", 4, Match(Alice, 0.8f));

        Assert.Equal((AlertChange.Raised, (Guid?)Bob), (switched!.Change, switched.Alert.SubjectId));
        Assert.NotEqual(switched.Alert.AlertId, AlertIds.For("cam", "track-1", Watchlist.WatchlistId, Alice));
        Assert.Equal((AlertChange.Folded, (Guid?)Alice, 2), (back!.Change, back.Alert.SubjectId, back.Alert.Sightings));
    }

    [Fact]
    public void A_better_score_for_another_subject_still_respects_that_subjects_cooldown()
    {
        Observe("track-1", 0, Match(Bob, 0.8f));
        Observe("track-2", 10, Match(Alice, 0.8f));

        Assert.Null(Observe("track-2", 11, Match(Bob, 0.95f)));
    }

    [Fact]
    public void An_unknown_track_alerts_once_and_a_known_track_never_as_unknown()
    {
        var unknown = Observe("track-1", 0, Unknown(0.2f));
        var folded = Observe("track-1", 1, Unknown(0.3f));
        Observe("track-2", 2, Match(Alice, 0.8f));

        Assert.Equal((AlertChange.Raised, AlertKind.Unknown, (Guid?)null), (unknown!.Change, unknown.Alert.Kind, unknown.Alert.SubjectId));
        Assert.Equal((AlertChange.Folded, 2), (folded!.Change, folded.Alert.Sightings));
        Assert.Null(Observe("track-2", 3, Unknown(0.2f)));
        Assert.Equal(AlertChange.Raised, Observe("track-3", 4, Unknown(0.2f))!.Change);
    }

    [Fact]
    public void An_unknown_track_that_is_recognised_later_raises_a_match()
    {
        Observe("track-1", 0, Unknown(0.2f));

        var match = Observe("track-1", 1, Match(Alice, 0.8f));

        Assert.Equal((AlertChange.Raised, AlertKind.Match), (match!.Change, match.Alert.Kind));
    }

    [Fact]
    public void A_recalled_alert_of_another_track_starts_the_cooldown()
    {
        var face = Face("cam", "track-9", 100);
        Assert.True(_aggregator.NeedsHistory("cam", Watchlist.WatchlistId, Alice));

        _aggregator.RecallHistory(face, Watchlist, Alice, new PriorAlert("track-1", T0));

        Assert.False(_aggregator.NeedsHistory("cam", Watchlist.WatchlistId, Alice));
        Assert.Null(_aggregator.Observe(face, Watchlist, Match(Alice, 0.9f)));
        Assert.Equal(AlertChange.Raised, Observe("track-9", 300, Match(Alice, 0.9f))!.Change);
    }

    [Fact]
    public void A_recalled_alert_of_the_same_track_is_folded_into()
    {
        var face = Face("cam", "track-1", 100);
        _aggregator.RecallHistory(face, Watchlist, Alice, new PriorAlert("track-1", T0));

        var update = _aggregator.Observe(face, Watchlist, Match(Alice, 0.9f));

        Assert.Equal(AlertChange.Folded, update!.Change);
        Assert.Equal(AlertIds.For("cam", "track-1", Watchlist.WatchlistId, Alice), update.Alert.AlertId);
        Assert.Equal((T0, T0.AddSeconds(100)), (update.Alert.FirstSeen, update.Alert.LastSeen));
    }

    [Fact]
    public void Recalling_no_alert_lets_the_first_match_raise()
    {
        var face = Face("cam", "track-1", 0);
        _aggregator.RecallHistory(face, Watchlist, Alice, last: null);

        Assert.Equal(AlertChange.Raised, _aggregator.Observe(face, Watchlist, Match(Alice, 0.9f))!.Change);
    }

    [Fact]
    public void Replaying_the_same_faces_into_a_fresh_aggregator_decides_the_same()
    {
        var faces = Enumerable.Range(0, 40)
            .Select(i => (Track: $"track-{i / 10}", Second: i * 20, Verdict: i % 3 == 0 ? Unknown(0.2f) : Match(i % 7 == 0 ? Bob : Alice, 0.8f + (i % 5 / 100f))))
            .ToArray();

        var first = faces.Select(f => Observe(f.Track, f.Second, f.Verdict)).ToArray();
        var fresh = new AlertAggregator(TimeSpan.FromMinutes(10));
        var second = faces.Select(f => fresh.Observe(Face("cam", f.Track, f.Second), Watchlist, f.Verdict)).ToArray();

        Assert.Equal(first, second);
        Assert.Contains(first, u => u?.Change == AlertChange.Raised);
    }

    [Fact]
    public void Alert_ids_name_camera_track_watchlist_and_subject()
    {
        var id = AlertIds.For("cam", "track-1", Watchlist.WatchlistId, Alice);

        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.Equal(id, AlertIds.For("cam", "track-1", Watchlist.WatchlistId, Alice));
        Assert.NotEqual(id, AlertIds.For("cam", "track-2", Watchlist.WatchlistId, Alice));
        Assert.NotEqual(id, AlertIds.For("cam", "track-1", Watchlist.WatchlistId, null));
        Assert.NotEqual(AlertIds.For("ab", "c", Watchlist.WatchlistId, null), AlertIds.For("a", "bc", Watchlist.WatchlistId, null));
    }

    [Fact]
    public void Idle_tracks_and_old_cooldowns_are_forgotten()
    {
        for (var i = 0; i < 1000; i++)
        {
            Observe($"track-{i}", i, Unknown(0.2f));
        }

        Assert.Equal(1000, _aggregator.RememberedCount);
        for (var i = 0; i < 30; i++)
        {
            Observe("late", 3600 + i, Unknown(0.2f));
        }

        Assert.Equal(1, _aggregator.RememberedCount);
    }

    private AlertUpdate? Observe(string track, int second, WatchlistVerdict verdict) =>
        _aggregator.Observe(Face("cam", track, second), Watchlist, verdict);

    private static FaceObservation Face(string camera, string track, int second) =>
        new(camera, track, $"face-{second}", T0.AddSeconds(second));

    private static WatchlistVerdict Match(Guid subject, float similarity) =>
        new(VerdictKind.Match, subject, similarity, similarity - 0.5f);

    private static WatchlistVerdict Unknown(float similarity) => new(VerdictKind.Unknown, null, similarity, 0.1f);
}
