using Aird.Stream.Models.Runtime;
using Aird.Stream.Vision.Alignment;
using Aird.Stream.Vision.Detection;
using OpenCvSharp;

namespace Aird.Stream.Vision.Tests.Detection;

public class LfwDetectionTests(DetectorFixture detectors) : IClassFixture<DetectorFixture>
{
    [Fact]
    public void A_face_is_found_near_the_centre_of_every_one_of_50_DevTest_images_and_aligned_by_keypoints()
    {
        var fallbacks = 0;
        foreach (var path in TestAssets.DevTestImages(50))
        {
            using var image = ImageFiles.ReadBgr(path);
            var faces = detectors.Portraits.Detect(image, TestContext.Current.CancellationToken);

            Assert.True(faces.Count > 0, $"no face in {path}");
            // LFW photos may show other people too; the labelled person is the one in the centre.
            var best = faces.MinBy(f => DistanceFromCentre(f, image))!;
            Assert.True(DistanceFromCentre(best, image) < 40, $"face at {best.Box} is off-centre in {path}");
            Assert.InRange(best.Box.Width, 70, 160);
            Assert.True(best.Keypoint(FaceKeypoint.RightEye).X < best.Keypoint(FaceKeypoint.LeftEye).X, "the subject's right eye is on the image's left");

            using var aligned = FaceAligner.Align(image, best, FaceChipSpec.DlibTeacher);
            Assert.Equal(new Size(150, 150), aligned.Chip.Size());
            Assert.Equal(MatType.CV_8UC3, aligned.Chip.Type());
            fallbacks += aligned.IsFallback ? 1 : 0;
        }

        Assert.True(fallbacks <= 1, $"{fallbacks} of 50 chips fell back to a box crop");
    }

    [Fact]
    public void The_second_keypoint_pass_re_finds_each_face_and_moves_its_keypoints_by_a_few_percent()
    {
        var refiner = new KeypointRefiner(detectors.Portraits);
        foreach (var path in TestAssets.DevTestImages(10))
        {
            using var image = ImageFiles.ReadBgr(path);
            var first = detectors.Portraits.Detect(image, TestContext.Current.CancellationToken).MinBy(f => DistanceFromCentre(f, image))!;

            var refined = refiner.Refine(image, first, TestContext.Current.CancellationToken);

            Assert.NotSame(first, refined);
            var eyes = Distance(first.Keypoint(FaceKeypoint.RightEye), first.Keypoint(FaceKeypoint.LeftEye));
            for (var k = 0; k < 4; k++)
            {
                var moved = Distance(first.Keypoints[k], refined.Keypoints[k]);
                Assert.True(moved < 0.2 * eyes, $"keypoint {k} of {path} moved {moved:F1} px, eyes are {eyes:F1} px apart");
            }
        }
    }

    private static float Distance(System.Drawing.PointF a, System.Drawing.PointF b) =>
        MathF.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));

    private static float DistanceFromCentre(FaceDetection face, Mat image)
    {
        var dx = face.Box.X + (face.Box.Width / 2) - (image.Width / 2f);
        var dy = face.Box.Y + (face.Box.Height / 2) - (image.Height / 2f);
        return MathF.Sqrt((dx * dx) + (dy * dy));
    }

    [Fact]
    public void The_front_128_variant_finds_LFW_faces_too()
    {
        using var detector = TestAssets.CreateDetector(32, 160, BlazeFaceVariant.Front128);

        foreach (var path in TestAssets.DevTestImages(5))
        {
            using var image = ImageFiles.ReadBgr(path);
            Assert.NotEmpty(detector.Detect(image, TestContext.Current.CancellationToken));
        }

        Assert.Equal(OnnxExecutionProvider.Cpu, detector.ExecutionProvider);
    }
}
