using Aird.Stream.Vision.Detection;

namespace Aird.Stream.Vision.Tests.Detection;

public class SmallFaceDetectionTests(DetectorFixture detectors, ITestOutputHelper output) : IClassFixture<DetectorFixture>
{
    [Theory]
    [InlineData(SceneBackground.Plain)]
    [InlineData(SceneBackground.Noise)]
    public void LFW_faces_of_24_to_40_px_in_a_1080p_frame_are_all_found_by_the_tiling(SceneBackground background)
    {
        var images = TestAssets.DevTestImages(80).Skip(60).ToList();
        int[] widths = [24, 28, 32, 36, 40, 24, 32, 40];
        using var scene = SyntheticScene.Create(1920, 1080, background, [.. images.Zip(widths)], seed: 7);

        var faces = detectors.SmallFaces.Detect(scene.Frame, TestContext.Current.CancellationToken);

        foreach (var truth in scene.Faces)
        {
            Assert.True(faces.Any(f => SyntheticScene.Matches(truth, f.Box)), $"face {truth} not found");
        }

        var falsePositives = faces.Count(f => !scene.Faces.Any(t => SyntheticScene.Matches(t, f.Box)));
        output.WriteLine($"{background}: {scene.Faces.Count} faces, {faces.Count} detections, {falsePositives} false positives");
        Assert.True(falsePositives <= 2, $"{falsePositives} false positives");
    }
}
