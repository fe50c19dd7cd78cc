using OpenCvSharp;

namespace Aird.Stream.Vision.Tests.Detection;

public class BadInputTests(DetectorFixture detectors) : IClassFixture<DetectorFixture>
{
    [Fact]
    public void A_file_that_is_not_an_image_is_an_InvalidDataException()
    {
        var path = Path.Combine(Path.GetTempPath(), $"aird-not-an-image-{Guid.NewGuid():N}.jpg");
        File.WriteAllText(path, "this is not a JPEG");
        try
        {
            Assert.Throws<InvalidDataException>(() => ImageFiles.ReadBgr(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_file_is_a_FileNotFoundException()
    {
        Assert.Throws<FileNotFoundException>(() => ImageFiles.ReadBgr("/nonexistent/face.jpg"));
    }

    [Fact]
    public void Grey_scale_and_BGRA_images_are_accepted()
    {
        var path = TestAssets.DevTestImages(1)[0];
        using var grey = Cv2.ImRead(path, ImreadModes.Grayscale);
        using var colour = ImageFiles.ReadBgr(path);
        using var bgra = colour.CvtColor(ColorConversionCodes.BGR2BGRA);

        Assert.Equal(1, grey.Channels());
        Assert.NotEmpty(detectors.Portraits.Detect(grey, TestContext.Current.CancellationToken));
        Assert.NotEmpty(detectors.Portraits.Detect(bgra, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void A_tiny_image_has_no_faces()
    {
        using var tiny = new Mat(8, 8, MatType.CV_8UC3, Scalar.All(90));

        Assert.Empty(detectors.SmallFaces.Detect(tiny, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Uniform_noise_has_no_faces()
    {
        using var noise = new Mat(480, 640, MatType.CV_8UC3);
        Cv2.SetTheRNG(3);
        Cv2.Randu(noise, Scalar.All(0), Scalar.All(256));

        Assert.Empty(detectors.SmallFaces.Detect(noise, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void A_huge_image_is_tiled_and_its_face_found()
    {
        using var scene = SyntheticScene.Create(6000, 4000, SceneBackground.Plain, [(TestAssets.DevTestImages(1)[0], 100)], seed: 11);
        using var detector = TestAssets.CreateDetector(80, 160);

        var faces = detector.Detect(scene.Frame, TestContext.Current.CancellationToken);

        Assert.Contains(faces, f => SyntheticScene.Matches(scene.Faces[0], f.Box));
    }

    [Fact]
    public void Empty_and_16_bit_images_are_rejected_with_ArgumentException()
    {
        using var empty = new Mat();
        using var deep = new Mat(64, 64, MatType.CV_16UC3, Scalar.All(1000));

        Assert.Throws<ArgumentException>(() => detectors.SmallFaces.Detect(empty, TestContext.Current.CancellationToken));
        Assert.Throws<ArgumentException>(() => detectors.SmallFaces.Detect(deep, TestContext.Current.CancellationToken));
    }
}
