using Aird.Stream.Models.Runtime;
using Aird.Stream.Vision.Detection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Aird.Stream.Vision.Tests.Detection;

public class DetectorSetupTests
{
    [Fact]
    public void Asking_for_CUDA_where_it_cannot_load_falls_back_to_the_CPU()
    {
        using var detector = Create(new FaceDetectorOptions
        {
            ModelPath = TestAssets.BlazeFaceModel(BlazeFaceVariant.Back256),
            UseCuda = true,
            MinFacePx = 32,
            MaxFacePx = 160,
        });

        // Without an NVIDIA device CUDA cannot load; with one it loads only where CUDA 13 and cuDNN 9 are installed.
        if (!File.Exists("/dev/nvidiactl"))
        {
            Assert.Equal(OnnxExecutionProvider.Cpu, detector.ExecutionProvider);
        }

        using var image = ImageFiles.ReadBgr(TestAssets.DevTestImages(1)[0]);
        Assert.NotEmpty(detector.Detect(image, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void A_missing_model_file_names_the_fix()
    {
        var error = Assert.Throws<FileNotFoundException>(() => Create(new FaceDetectorOptions { ModelPath = "/nonexistent/blazeface.onnx" }));

        Assert.Contains("deploy/setup.sh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_wrong_variant_for_the_model_file_is_refused()
    {
        var error = Assert.Throws<InvalidDataException>(() => Create(new FaceDetectorOptions
        {
            ModelPath = TestAssets.BlazeFaceModel(BlazeFaceVariant.Back256),
            Variant = BlazeFaceVariant.Front128,
        }));

        Assert.Contains("Front128", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, 10, 0.6f)]
    [InlineData(40, 20, 0.6f)]
    [InlineData(16, 64, 1.5f)]
    public void Impossible_settings_are_refused(int minFace, int maxFace, float threshold)
    {
        Assert.Throws<ArgumentException>(() => Create(new FaceDetectorOptions
        {
            ModelPath = TestAssets.BlazeFaceModel(BlazeFaceVariant.Back256),
            MinFacePx = minFace,
            MaxFacePx = maxFace,
            ScoreThreshold = threshold,
        }));
    }

    private static BlazeFaceDetector Create(FaceDetectorOptions options) =>
        new(Options.Create(options), new OnnxSessionFactory(NullLogger<OnnxSessionFactory>.Instance), NullLogger<BlazeFaceDetector>.Instance);
}
