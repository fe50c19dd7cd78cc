using Aird.Stream.Ingest.BestShots;

namespace Aird.Stream.Ingest.Tests.BestShots;

public sealed class FaceQualityTests
{
    private const double Sharp = 300;

    private readonly FaceQuality _quality = new(new FaceQualityOptions(), minFacePx: 16, maxFacePx: 40);

    [Fact]
    public void A_frontal_face_beats_a_profile()
    {
        var frontal = _quality.Score(TestFaces.At(500, 500, 30), Sharp);
        var turned = _quality.Score(TestFaces.At(500, 500, 30, noseShift: 0.3), Sharp);
        var profile = _quality.Score(TestFaces.At(500, 500, 30, noseShift: -0.6), Sharp);

        Assert.Equal(1, frontal.Frontalness, 6);
        Assert.Equal(0, profile.Frontalness);
        Assert.True(frontal.Total > turned.Total);
        Assert.True(turned.Total > profile.Total);
    }

    [Fact]
    public void Frontalness_falls_monotonically_as_the_head_turns_or_rolls()
    {
        double[] noseShifts = [0, 0.1, 0.2, 0.3, 0.4, 0.5];
        int[] rolls = [0, 15, 30, 60, 90];
        var byTurn = noseShifts.Select(shift => FaceQuality.FrontalnessOf(TestFaces.At(500, 500, 30, noseShift: shift).Keypoints));
        var byRoll = rolls.Select(degrees => FaceQuality.FrontalnessOf(TestFaces.At(500, 500, 30, rollDegrees: degrees).Keypoints));

        AssertFalling([.. byTurn]);
        AssertFalling([.. byRoll]);
        Assert.Equal(0, FaceQuality.FrontalnessOf(TestFaces.At(500, 500, 30, rollDegrees: 180).Keypoints), 6);
    }

    [Fact]
    public void A_bigger_face_beats_a_smaller_one_and_size_is_clamped_to_the_camera_range()
    {
        float[] widths = [10, 16, 20, 28, 40, 60];
        var sizes = widths.Select(_quality.SizeOf).ToArray();

        Assert.Equal([0, 0, 4 / 24.0, 12 / 24.0, 1, 1], sizes);
        Assert.True(_quality.Score(TestFaces.At(500, 500, 30), Sharp).Total > _quality.Score(TestFaces.At(500, 500, 20), Sharp).Total);
    }

    [Fact]
    public void A_sharper_face_beats_a_blurrier_one()
    {
        var halfPoint = new FaceQualityOptions().SharpnessHalfPoint;
        double[] variances = [0, 10, 50, halfPoint, 2 * halfPoint, 5000];
        var sharpness = variances.Select(_quality.SharpnessOf).ToArray();

        AssertRising(sharpness);
        Assert.Equal(0, sharpness[0]);
        Assert.Equal(0.5, sharpness[3], 9);
        Assert.True(sharpness[^1] < 1);
        Assert.True(_quality.Score(TestFaces.At(500, 500, 30), 200).Total > _quality.Score(TestFaces.At(500, 500, 30), 20).Total);
    }

    [Fact]
    public void A_higher_detector_score_beats_a_lower_one()
    {
        float[] detectorScores = [0.6f, 0.7f, 0.9f, 1f];
        var scores = detectorScores.Select(s => _quality.Score(TestFaces.At(500, 500, 30, score: s), Sharp)).ToArray();

        AssertRising([.. scores.Select(s => s.Detector)]);
        AssertRising([.. scores.Select(s => s.Total)]);
    }

    [Fact]
    public void The_total_is_the_weighted_mean_of_the_components()
    {
        var options = new FaceQualityOptions
        {
            SizeWeight = 1,
            SharpnessWeight = 3,
            DetectorWeight = 0,
            FrontalnessWeight = 0,
            SharpnessHalfPoint = 100,
        };
        var quality = new FaceQuality(options, 16, 40);

        var score = quality.Score(TestFaces.At(500, 500, 28, noseShift: 0.25), 100);

        Assert.Equal(((1 * 0.5) + (3 * 0.5)) / 4, score.Total, 9);
        Assert.Equal(0.5, score.Frontalness, 4);
        Assert.Equal(0.9, score.Detector, 6);
    }

    [Fact]
    public void A_camera_whose_min_and_max_face_sizes_are_equal_scores_size_as_a_step()
    {
        var quality = new FaceQuality(new FaceQualityOptions(), 24, 24);

        Assert.Equal(0, quality.SizeOf(23.9f));
        Assert.Equal(1, quality.SizeOf(24));
    }

    [Fact]
    public void Bad_input_is_refused_with_a_clear_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _quality.Score(TestFaces.At(500, 500, 30), double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => _quality.Score(TestFaces.At(500, 500, 30), -1));
        var noKeypoints = TestFaces.At(500, 500, 30) with { Keypoints = [] };
        var error = Assert.Throws<ArgumentException>(() => _quality.Score(noKeypoints, Sharp));
        Assert.Contains("6 keypoints", error.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentException>(() => new FaceQuality(new FaceQualityOptions(), 40, 16));
        Assert.Throws<ArgumentException>(() => new FaceQuality(new FaceQualityOptions(), 0, 16));
        var weights = Assert.Throws<ArgumentException>(() => new FaceQuality(new FaceQualityOptions { SizeWeight = -1 }, 16, 40));
        Assert.Contains(nameof(FaceQualityOptions.SizeWeight), weights.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new FaceQuality(
            new FaceQualityOptions { SizeWeight = 0, SharpnessWeight = 0, DetectorWeight = 0, FrontalnessWeight = 0 }, 16, 40));
        Assert.Throws<ArgumentException>(() => new FaceQuality(new FaceQualityOptions { SharpnessHalfPoint = 0 }, 16, 40));
    }

    private static void AssertRising(double[] values)
    {
        for (var i = 1; i < values.Length; i++)
        {
            Assert.True(values[i] > values[i - 1], $"value {i} ({values[i]}) is not above value {i - 1} ({values[i - 1]})");
        }
    }

    private static void AssertFalling(double[] values) => AssertRising([.. values.Reverse()]);
}
