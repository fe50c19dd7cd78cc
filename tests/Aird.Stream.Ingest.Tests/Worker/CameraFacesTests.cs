using System.Drawing;
using Aird.Stream.Contracts;
using Aird.Stream.Ingest.BestShots;
using Aird.Stream.Ingest.Tracking;
using Aird.Stream.Ingest.Worker;
using Aird.Stream.Vision.Detection;
using OpenCvSharp;

namespace Aird.Stream.Ingest.Tests.Worker;

/// <summary>The per-camera composition with hand-made detections on a synthetic textured frame.</summary>
public sealed class CameraFacesTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan FrameStep = TimeSpan.FromMilliseconds(200);

    private readonly Mat _frame = TexturedFrame(640, 480);

    public void Dispose() => _frame.Dispose();

    [Fact]
    public void A_walking_face_gets_its_first_shot_within_the_first_frames_as_an_aligned_png_chip()
    {
        var faces = Create();
        var shots = new List<(int Frame, FaceShot Shot)>();
        for (var frame = 0; frame < 10; frame++)
        {
            var face = TestFaces.At(100 + (20 * frame), 240, 30, score: 0.8f, noseShift: 0.3);
            shots.AddRange(faces.Process(_frame, [face], Start + (frame * FrameStep)).Select(s => (frame, s)));
        }

        var (first, shot) = shots[0];
        Assert.True(first < new BestShotOptions().FirstShotFrames, $"first shot on frame {first}");
        Assert.Single(shots.Select(s => s.Shot.TrackId).Distinct());
        Assert.All(shots, s =>
        {
            // A held shot goes out later than its frame, with the time and box of its own frame.
            var ownFrame = (s.Shot.CaptureTime - Start) / FrameStep;
            Assert.InRange(ownFrame, 0, s.Frame);
            Assert.Equal(100 + (20 * ownFrame), s.Shot.Detection.Box.X + (s.Shot.Detection.Box.Width / 2), 3);
            Assert.Equal((640, 480, 150), (s.Shot.FrameWidth, s.Shot.FrameHeight, s.Shot.ImageSize));
            Assert.False(s.Shot.AlignmentFallback);
            Assert.InRange(s.Shot.Quality, 0, 1);
            using var chip = Cv2.ImDecode(s.Shot.Image, ImreadModes.Unchanged);
            Assert.Equal((150, 150, 3), (chip.Width, chip.Height, chip.Channels()));
        });
        Assert.Equal(0, faces.HeldCount);
    }

    [Fact]
    public void A_track_that_ends_before_its_first_shot_is_due_publishes_its_held_best_shot_from_its_own_frame()
    {
        var faces = Create();

        Assert.Empty(faces.Process(_frame, [TestFaces.At(300, 200, 24, score: 0.7f, noseShift: 0.2)], Start));
        Assert.Empty(faces.Process(_frame, [TestFaces.At(310, 200, 24, score: 0.7f, noseShift: 0.4)], Start + FrameStep));
        Assert.Equal(1, faces.HeldCount);

        var shot = Assert.Single(faces.EndAll());

        Assert.Equal(Start, shot.CaptureTime);
        Assert.Equal(300, shot.Detection.Box.X + (shot.Detection.Box.Width / 2), 3);
        Assert.Equal(0, faces.HeldCount);
        Assert.Empty(faces.EndAll());
    }

    [Fact]
    public void A_track_lost_for_longer_than_the_maximum_age_sends_its_held_shot_with_the_next_frame()
    {
        var faces = Create();
        faces.Process(_frame, [TestFaces.At(300, 200, 24, score: 0.7f, noseShift: 0.3)], Start);

        var shots = faces.Process(_frame, [], Start + new TrackerOptions().MaxAge + FrameStep);

        Assert.Equal(Start, Assert.Single(shots).CaptureTime);
        Assert.Equal(0, faces.HeldCount);
    }

    [Fact]
    public void Faces_below_the_cameras_minimum_size_are_tracked_but_never_published()
    {
        var faces = Create();
        for (var frame = 0; frame < 8; frame++)
        {
            Assert.Empty(faces.Process(_frame, [TestFaces.At(400, 300, 12)], Start + (frame * FrameStep)));
        }

        Assert.Empty(faces.EndAll());
    }

    [Fact]
    public void A_bad_detection_fails_its_frame_and_leaves_the_tracks_as_they_were()
    {
        var faces = Create();
        var good = TestFaces.At(300, 200, 30, score: 0.7f, noseShift: 0.3);
        faces.Process(_frame, [good], Start);
        var broken = good with { Keypoints = good.Keypoints.Take(5).ToArray() };
        var empty = good with { Box = new RectangleF(10, 10, 0, 0) };

        var error = Assert.Throws<ArgumentException>(() => faces.Process(_frame, [good, broken], Start + FrameStep));
        Assert.Contains("6 keypoints, not 5", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => faces.Process(_frame, [empty], Start + FrameStep));
        using (var grey = new Mat(480, 640, MatType.CV_8UC1, Scalar.All(0)))
        {
            Assert.Throws<ArgumentException>(() => faces.Process(grey, [good], Start + FrameStep));
        }

        Assert.Throws<ArgumentException>(() => faces.Process(_frame, [good], Start - FrameStep));

        // Still one held shot of one track; the same track continues.
        Assert.Equal(1, faces.HeldCount);
        var shots = new List<FaceShot>();
        for (var frame = 1; frame < 4; frame++)
        {
            shots.AddRange(faces.Process(_frame, [good], Start + (frame * FrameStep)));
        }

        shots.AddRange(faces.EndAll());
        Assert.Single(shots.Select(s => s.TrackId).Distinct());
    }

    [Fact]
    public void Crops_can_be_jpeg_or_raw_bgr_but_not_unspecified()
    {
        var jpeg = Create(ImageEncoding.Jpeg).Process(_frame, [TestFaces.At(300, 200, 40)], Start);
        var raw = Create(ImageEncoding.Bgr24).Process(_frame, [TestFaces.At(300, 200, 40)], Start);

        using (var chip = Cv2.ImDecode(Assert.Single(jpeg).Image, ImreadModes.Color))
        {
            Assert.Equal((150, 150), (chip.Width, chip.Height));
        }

        Assert.Equal(150 * 150 * 3, Assert.Single(raw).Image.Length);
        var error = Assert.Throws<ArgumentException>(() => Create(ImageEncoding.Unspecified));
        Assert.Contains("Png, Jpeg or Bgr24", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sharper_faces_score_higher()
    {
        using var blurred = new Mat();
        Cv2.GaussianBlur(_frame, blurred, new OpenCvSharp.Size(0, 0), 2);
        var face = TestFaces.At(300, 200, 40);

        var sharp = Create().Process(_frame, [face], Start);
        var soft = Create().Process(blurred, [face], Start);

        Assert.True(Assert.Single(sharp).Quality > Assert.Single(soft).Quality);
    }

    private static CameraFaces Create(ImageEncoding encoding = ImageEncoding.Png) =>
        new(16, 40, new TrackerOptions(), new FaceQualityOptions(), new BestShotOptions(), encoding, firstTrackId: 100);

    private static Mat TexturedFrame(int width, int height)
    {
        var frame = new Mat(height, width, MatType.CV_8UC3);
        Cv2.Randu(frame, Scalar.All(0), Scalar.All(255));
        return frame;
    }
}
