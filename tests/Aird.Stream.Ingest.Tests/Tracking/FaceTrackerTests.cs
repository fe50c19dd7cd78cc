using Aird.Stream.Ingest.Tracking;
using Aird.Stream.Vision.Detection;

namespace Aird.Stream.Ingest.Tests.Tracking;

public sealed class FaceTrackerTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan FrameAt5Fps = TimeSpan.FromMilliseconds(200);

    [Fact]
    public void Two_faces_crossing_paths_keep_their_ids()
    {
        var tracker = new FaceTracker(new TrackerOptions());
        long? idA = null, idB = null;
        for (var frame = 0; frame < 12; frame++)
        {
            // They pass each other between frames 5 and 6, where each face lands nearer the other's last box:
            // only the prediction tells them apart. The detector's order says nothing about identity.
            var a = TestFaces.At(100 + (40 * frame), 300, 30);
            var b = TestFaces.At(520 - (40 * frame), 304, 30);
            var flipped = frame % 2 == 1;
            var ids = tracker.Update(flipped ? [b, a] : [a, b], Start + (frame * FrameAt5Fps)).TrackIds;

            var (gotA, gotB) = flipped ? (ids[1], ids[0]) : (ids[0], ids[1]);
            idA ??= gotA;
            idB ??= gotB;
            Assert.Equal(idA, gotA);
            Assert.Equal(idB, gotB);
        }

        Assert.NotEqual(idA, idB);
    }

    [Fact]
    public void A_face_missing_for_less_than_the_max_age_keeps_its_id()
    {
        var tracker = new FaceTracker(new TrackerOptions { MaxAge = TimeSpan.FromSeconds(2) });
        var first = tracker.Update([TestFaces.At(400, 400, 24)], Start).TrackIds[0];
        for (var frame = 1; frame <= 9; frame++)
        {
            Assert.Empty(tracker.Update([], Start + (frame * FrameAt5Fps)).EndedTrackIds);
        }

        var back = tracker.Update([TestFaces.At(402, 399, 25)], Start + TimeSpan.FromSeconds(1.9));

        Assert.Equal(first, back.TrackIds[0]);
        Assert.Empty(back.EndedTrackIds);
    }

    [Fact]
    public void A_face_missing_for_longer_than_the_max_age_ends_and_comes_back_with_a_new_id()
    {
        var tracker = new FaceTracker(new TrackerOptions { MaxAge = TimeSpan.FromSeconds(2) });
        var first = tracker.Update([TestFaces.At(400, 400, 24)], Start).TrackIds[0];
        Assert.Empty(tracker.Update([], Start + TimeSpan.FromSeconds(2)).EndedTrackIds);

        var back = tracker.Update([TestFaces.At(400, 400, 24)], Start + TimeSpan.FromSeconds(2.2));

        Assert.Equal([first], back.EndedTrackIds);
        Assert.NotEqual(first, back.TrackIds[0]);
        Assert.Empty(tracker.Update([], Start + TimeSpan.FromSeconds(2.4)).EndedTrackIds);
    }

    [Fact]
    public void The_max_age_is_time_not_frames()
    {
        var tracker = new FaceTracker(new TrackerOptions { MaxAge = TimeSpan.FromSeconds(1) });
        var first = tracker.Update([TestFaces.At(400, 400, 24)], Start).TrackIds[0];
        // 30 empty frames at 40 fps are 0.75 s: younger than the max age however many frames they are.
        for (var frame = 1; frame <= 30; frame++)
        {
            tracker.Update([], Start + TimeSpan.FromMilliseconds(25 * frame));
        }

        Assert.Equal(first, tracker.Update([TestFaces.At(400, 400, 24)], Start + TimeSpan.FromSeconds(0.8)).TrackIds[0]);
    }

    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(0.0, 1.0)]
    [InlineData(0.8, -0.6)]
    public void A_small_face_moving_one_and_a_half_widths_per_frame_keeps_its_id(double directionX, double directionY)
    {
        var random = new Random(7);
        double Jitter(double amplitude) => amplitude * ((2 * random.NextDouble()) - 1);
        var tracker = new FaceTracker(new TrackerOptions());
        var ids = new HashSet<long>();
        for (var frame = 0; frame < 25; frame++)
        {
            // 16 px face, 24 px per frame at 5 fps, with the detector's jitter of position and width.
            var step = 24 * frame;
            var face = TestFaces.At(
                960 + (step * directionX) + Jitter(1.5), 540 + (step * directionY) + Jitter(1.5), 16 + Jitter(2));
            ids.Add(tracker.Update([face], Start + (frame * FrameAt5Fps)).TrackIds[0]);
        }

        Assert.Single(ids);
    }

    [Fact]
    public void New_faces_get_new_ids_and_ids_are_never_reused()
    {
        var tracker = new FaceTracker(new TrackerOptions { MaxAge = TimeSpan.FromSeconds(0.5) });
        var given = new List<long>();
        var time = Start;
        for (var round = 0; round < 4; round++)
        {
            // The same three places every round: after the gap every face must be a new track all the same.
            FaceDetection[] faces = [TestFaces.At(200, 200, 20), TestFaces.At(600, 200, 20), TestFaces.At(1000, 200, 20)];
            var ids = tracker.Update(faces, time).TrackIds;
            Assert.Equal(3, ids.Distinct().Count());
            Assert.All(ids, id => Assert.True(given.Count == 0 || id > given.Max()));
            given.AddRange(ids);
            Assert.Equal(ids, tracker.Update(faces, time + FrameAt5Fps).TrackIds);

            var ended = tracker.Update([], time + TimeSpan.FromSeconds(1)).EndedTrackIds;
            Assert.Equal(ids.Order(), ended.Order());
            time += TimeSpan.FromSeconds(1.2);
        }

        Assert.Equal(12, given.Distinct().Count());
        Assert.Equal(0, tracker.ActiveTrackCount);
    }

    [Fact]
    public void Ids_count_up_from_the_first_track_id()
    {
        var tracker = new FaceTracker(new TrackerOptions(), firstTrackId: 1_000_000);

        var ids = tracker.Update([TestFaces.At(200, 200, 20), TestFaces.At(600, 200, 20)], Start).TrackIds;

        Assert.Equal([1_000_000L, 1_000_001L], ids);
    }

    [Fact]
    public void A_face_beyond_the_distance_gate_or_of_a_different_size_starts_a_new_track()
    {
        var tracker = new FaceTracker(new TrackerOptions());
        var first = tracker.Update([TestFaces.At(400, 400, 20)], Start).TrackIds[0];

        // 2.5 widths away; then the same place at twice the width.
        var far = tracker.Update([TestFaces.At(450, 400, 20)], Start + FrameAt5Fps).TrackIds[0];
        var big = tracker.Update([TestFaces.At(450, 400, 40)], Start + (2 * FrameAt5Fps)).TrackIds[0];

        Assert.Equal(3, new[] { first, far, big }.Distinct().Count());
    }

    [Fact]
    public void Neighbouring_faces_standing_still_keep_their_ids()
    {
        var random = new Random(3);
        var tracker = new FaceTracker(new TrackerOptions());
        long[]? first = null;
        for (var frame = 0; frame < 20; frame++)
        {
            // Two 20 px faces 24 px apart: each is within the other's distance gate.
            FaceDetection[] faces =
            [
                TestFaces.At(500 + random.NextDouble() - 0.5, 500, 20 + random.NextDouble()),
                TestFaces.At(524 + random.NextDouble() - 0.5, 500, 20 + random.NextDouble()),
            ];
            var ids = tracker.Update(faces, Start + (frame * FrameAt5Fps)).TrackIds;
            first ??= [.. ids];
            Assert.Equal(first, ids);
        }
    }

    [Fact]
    public void EndAll_ends_every_active_track()
    {
        var tracker = new FaceTracker(new TrackerOptions());
        var ids = tracker.Update([TestFaces.At(200, 200, 20), TestFaces.At(600, 200, 20)], Start).TrackIds;

        Assert.Equal(ids, tracker.EndAll());
        Assert.Equal(0, tracker.ActiveTrackCount);
        Assert.Empty(tracker.EndAll());
    }

    [Fact]
    public void A_frame_older_than_the_previous_one_is_refused_and_changes_nothing()
    {
        var tracker = new FaceTracker(new TrackerOptions());
        var first = tracker.Update([TestFaces.At(200, 200, 20)], Start).TrackIds[0];

        var error = Assert.Throws<ArgumentException>(
            () => tracker.Update([TestFaces.At(600, 200, 20)], Start - TimeSpan.FromSeconds(1)));

        Assert.Contains("time order", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, tracker.ActiveTrackCount);
        Assert.Equal(first, tracker.Update([TestFaces.At(201, 200, 20)], Start + FrameAt5Fps).TrackIds[0]);
    }

    [Fact]
    public void A_detection_with_an_empty_or_non_finite_box_is_refused_and_changes_nothing()
    {
        var tracker = new FaceTracker(new TrackerOptions());
        var empty = TestFaces.At(200, 200, 20) with { Box = new(200, 200, 0, 20) };
        var nan = TestFaces.At(200, 200, 20) with { Box = new(float.NaN, 200, 20, 20) };

        var error = Assert.Throws<ArgumentException>(() => tracker.Update([TestFaces.At(600, 200, 20), empty], Start));
        Assert.Contains("Detection 1", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => tracker.Update([nan], Start));
        Assert.Equal(0, tracker.ActiveTrackCount);
    }

    [Fact]
    public void Options_out_of_range_are_refused_with_the_setting_named()
    {
        var error = Assert.Throws<ArgumentException>(() => new FaceTracker(new TrackerOptions { MaxCentreDistance = 0 }));
        Assert.Contains(nameof(TrackerOptions.MaxCentreDistance), error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new FaceTracker(new TrackerOptions { MaxAge = TimeSpan.Zero }));
        Assert.Throws<ArgumentException>(() => new FaceTracker(new TrackerOptions { MinIou = 1.5 }));
        Assert.Throws<ArgumentException>(() => new FaceTracker(new TrackerOptions { MaxSizeRatio = 0.9 }));
        Assert.Throws<ArgumentException>(() => new FaceTracker(new TrackerOptions { VelocitySmoothing = 0 }));
    }
}
