using System.Drawing;
using Aird.Stream.Video.Synthetic;
using OpenCvSharp;

namespace Aird.Stream.Ingest.Tests.Worker;

/// <summary>The synthetic clip builder of Aird.Stream.Video: the file and its ground truth agree.</summary>
public sealed class SurveillanceClipTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aird-clip-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_full_hd_clip_has_its_frames_and_the_person_where_the_ground_truth_says()
    {
        var person = new ClipPerson("Tony_Blair", 32, new PointF(300, 500), new PointF(1500, 600), TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1.8));

        var clip = await SurveillanceClip.CreateAsync(
            Path.Combine(_folder, "hd.mp4"), [person], TimeSpan.FromSeconds(2), width: 1920, height: 1080, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((1920, 1080, 10.0, TimeSpan.FromSeconds(2)), (clip.Width, clip.Height, clip.Fps, clip.Duration));
        using var video = new VideoCapture(clip.Path);
        Assert.True(video.IsOpened(), $"OpenCV cannot open '{clip.Path}'.");
        Assert.Equal(20, video.FrameCount);
        var frames = new List<Mat>();
        try
        {
            for (var i = 0; i < 20; i++)
            {
                var frame = new Mat();
                Assert.True(video.Read(frame), $"frame {i} did not decode");
                frames.Add(frame);
            }

            // Frame 0 is the background alone; at 1 s the face is at its ground-truth place and nowhere else.
            var at = person.FaceCentreAt(TimeSpan.FromSeconds(1));
            var face = new Rect((int)at.X - 16, (int)at.Y - 16, 32, 32);
            var elsewhere = new Rect(100, 900, 200, 100);
            Assert.Equal((1920, 1080), (frames[10].Width, frames[10].Height));
            Assert.True(MeanDifference(frames[0], frames[10], face) > 15, "no face where the ground truth puts it");
            Assert.True(MeanDifference(frames[0], frames[10], elsewhere) < 3, "the background changed away from the face");
            Assert.True(MeanDifference(frames[0], frames[19], face) < 3, "the person is still there after leaving");
        }
        finally
        {
            frames.ForEach(f => f.Dispose());
        }
    }

    private static double MeanDifference(Mat a, Mat b, Rect region)
    {
        using var regionA = new Mat(a, region);
        using var regionB = new Mat(b, region);
        using var difference = new Mat();
        Cv2.Absdiff(regionA, regionB, difference);
        var mean = Cv2.Mean(difference);
        return (mean.Val0 + mean.Val1 + mean.Val2) / 3;
    }
}
