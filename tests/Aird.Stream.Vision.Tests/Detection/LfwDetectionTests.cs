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
