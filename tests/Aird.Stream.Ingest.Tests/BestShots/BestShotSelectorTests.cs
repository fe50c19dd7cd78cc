using Aird.Stream.Ingest.BestShots;

namespace Aird.Stream.Ingest.Tests.BestShots;

public sealed class BestShotSelectorTests
{
    private const int MinFacePx = 16;
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan FrameAt5Fps = TimeSpan.FromMilliseconds(200);

    private static readonly BestShotOptions Options = new()
    {
        MaxShotsPerWindow = 2,
        Window = TimeSpan.FromSeconds(10),
        FirstShotFrames = 3,
        FirstShotQuality = 0.7,
        ImprovementMargin = 0.1,
    };

    [Fact]
    public void A_good_face_is_published_on_the_first_frame_of_its_track()
    {
        var selector = new BestShotSelector(Options, MinFacePx);

        var decisions = selector.Update(Start, [Face(7, 0.75)], []);

        Assert.Equal([new BestShotDecision(BestShotAction.Publish, 7, 0, 0.75)], decisions);
    }

    [Fact]
    public void A_track_of_mediocre_faces_gets_the_best_of_its_first_frames_on_the_last_of_them()
    {
        var selector = new BestShotSelector(Options, MinFacePx);

        Assert.Equal([new BestShotDecision(BestShotAction.Keep, 7, 0, 0.5)], selector.Update(Start, [Face(7, 0.5)], []));
        Assert.Equal([new BestShotDecision(BestShotAction.Keep, 7, 0, 0.6)], selector.Update(At(1), [Face(7, 0.6)], []));
        Assert.Equal([new BestShotDecision(BestShotAction.PublishKept, 7, null, 0.6)], selector.Update(At(2), [Face(7, 0.4)], []));
        Assert.Empty(selector.Update(At(3), [Face(7, 0.65)], []));
    }

    [Fact]
    public void The_last_of_the_first_frames_is_published_directly_when_it_is_the_best()
    {
        var selector = new BestShotSelector(Options, MinFacePx);
        selector.Update(Start, [Face(7, 0.5)], []);
        Assert.Empty(selector.Update(At(1), [Face(7, 0.45)], []));

        var decisions = selector.Update(At(2), [Face(1, 0.3), Face(7, 0.55)], []);

        Assert.Equal(
            [new BestShotDecision(BestShotAction.Keep, 1, 0, 0.3), new BestShotDecision(BestShotAction.Publish, 7, 1, 0.55)],
            decisions);
    }

    [Fact]
    public void After_the_first_shot_only_a_face_beating_the_best_sent_by_the_margin_is_published()
    {
        var selector = new BestShotSelector(Options, MinFacePx);
        selector.Update(Start, [Face(7, 0.72)], []);

        Assert.Empty(selector.Update(At(1), [Face(7, 0.8)], []));
        Assert.Empty(selector.Update(At(2), [Face(7, 0.82)], []));
        Assert.Equal([new BestShotDecision(BestShotAction.Publish, 7, 0, 0.85)], selector.Update(At(3), [Face(7, 0.85)], []));
        Assert.Empty(selector.Update(At(4), [Face(7, 0.9)], []));
    }

    [Fact]
    public void No_track_gets_more_than_K_shots_in_any_window_over_a_long_track()
    {
        var selector = new BestShotSelector(Options with { ImprovementMargin = 0 }, MinFacePx);
        var sent = new List<DateTimeOffset>();
        // One minute at 5 fps, every face a little better than the last: only the window holds shots back.
        for (var frame = 0; frame < 300; frame++)
        {
            var decisions = selector.Update(At(frame), [Face(7, 0.5 + (frame * 0.001))], []);
            sent.AddRange(decisions.Where(d => d.Action != BestShotAction.Keep).Select(_ => At(frame)));
        }

        Assert.All(sent, from => Assert.True(sent.Count(t => t >= from && t < from + Options.Window) <= 2));
        // Window rollover: two shots right away, then two more every time a 10 s window has passed.
        Assert.Equal(12, sent.Count);
        Assert.Equal([At(2), At(3), At(52), At(53), At(102), At(103)], sent.Take(6));
    }

    [Fact]
    public void When_the_window_rolls_over_a_better_face_is_sent_again()
    {
        var selector = new BestShotSelector(Options, MinFacePx);
        selector.Update(Start, [Face(7, 0.71)], []);
        selector.Update(At(1), [Face(7, 0.82)], []);

        Assert.Empty(selector.Update(Start + TimeSpan.FromSeconds(5), [Face(7, 0.95)], []));
        Assert.Empty(selector.Update(Start + TimeSpan.FromSeconds(9.9), [Face(7, 0.95)], []));
        Assert.Single(selector.Update(Start + TimeSpan.FromSeconds(10), [Face(7, 0.95)], []));
    }

    [Fact]
    public void A_track_that_ends_before_anything_was_sent_gets_its_best_face_published()
    {
        var selector = new BestShotSelector(Options, MinFacePx);
        selector.Update(Start, [Face(7, 0.3), Face(8, 0.72)], []);
        selector.Update(At(1), [Face(7, 0.5), Face(8, 0.6)], []);
        Assert.Empty(selector.Update(At(2), [], [8]));

        var decisions = selector.Update(At(3), [], [7]);

        Assert.Equal([new BestShotDecision(BestShotAction.PublishKept, 7, null, 0.5)], decisions);
        Assert.Equal(0, selector.TrackCount);
    }

    [Fact]
    public void Faces_below_the_camera_minimum_size_are_never_chosen()
    {
        var selector = new BestShotSelector(Options, MinFacePx);
        var decisions = new List<BestShotDecision>();
        for (var frame = 0; frame < 10; frame++)
        {
            decisions.AddRange(selector.Update(At(frame), [Face(7, 0.95, width: 15), Face(8, frame == 5 ? 0.4 : 0.99, width: frame == 5 ? 16 : 12)], []));
        }

        decisions.AddRange(selector.Update(At(10), [], [7, 8]));

        // Track 8 was big enough once, on frame 5, its 6th frame: past its first frames, so it goes out at once.
        Assert.Equal([new BestShotDecision(BestShotAction.Publish, 8, 1, 0.4)], decisions);
    }

    [Fact]
    public void Tracks_are_independent()
    {
        var selector = new BestShotSelector(Options, MinFacePx);

        var decisions = selector.Update(Start, [Face(1, 0.9), Face(2, 0.2), Face(3, 0.8)], []);

        Assert.Equal([1L, 2, 3], decisions.Select(d => d.TrackId));
        Assert.Equal([BestShotAction.Publish, BestShotAction.Keep, BestShotAction.Publish], decisions.Select(d => d.Action));
        Assert.Equal([0, 1, 2], decisions.Select(d => d.CandidateIndex));
    }

    [Fact]
    public void Bad_input_is_refused_and_changes_nothing()
    {
        var selector = new BestShotSelector(Options, MinFacePx);
        selector.Update(At(1), [Face(7, 0.5)], []);

        var quality = Assert.Throws<ArgumentException>(() => selector.Update(At(2), [Face(8, 0.9), Face(7, double.NaN)], []));
        Assert.Contains("track 7", quality.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => selector.Update(At(2), [Face(7, 1.5)], []));
        Assert.Throws<ArgumentException>(() => selector.Update(At(2), [Face(7, 0.5), Face(7, 0.6)], []));
        var time = Assert.Throws<ArgumentException>(() => selector.Update(At(0), [Face(7, 0.5)], []));
        Assert.Contains("time order", time.Message, StringComparison.Ordinal);

        Assert.Equal(1, selector.TrackCount);
        Assert.Equal(BestShotAction.Keep, Assert.Single(selector.Update(At(2), [Face(7, 0.6)], [])).Action);
        Assert.Throws<ArgumentException>(() => new BestShotSelector(Options with { MaxShotsPerWindow = 0 }, MinFacePx));
        Assert.Throws<ArgumentException>(() => new BestShotSelector(Options with { Window = TimeSpan.Zero }, MinFacePx));
        Assert.Throws<ArgumentException>(() => new BestShotSelector(Options with { FirstShotFrames = 0 }, MinFacePx));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BestShotSelector(Options, 0));
    }

    private static DateTimeOffset At(int frame) => Start + (frame * FrameAt5Fps);

    private static ShotCandidate Face(long trackId, double quality, double width = 24) =>
        new(trackId, TestFaces.At(500, 500, width), quality);
}
