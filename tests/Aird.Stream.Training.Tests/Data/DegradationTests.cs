using Aird.Stream.Testing;
using Aird.Stream.Training.Data;

namespace Aird.Stream.Training.Tests.Data;

public class DegradationTests
{
    private static readonly byte[] Chip = LfwChips.CentreCrop("Aaron_Peirsol", 1);

    [Fact]
    public void The_same_seed_gives_the_same_sample_and_another_seed_another()
    {
        var degradation = new Degradation(new DegradationOptions { CleanShare = 0 }, 64);

        var a = degradation.Apply(Chip, LfwChips.Size, new Random(5));
        var b = degradation.Apply(Chip, LfwChips.Size, new Random(5));
        var c = degradation.Apply(Chip, LfwChips.Size, new Random(6));

        Assert.Equal(64 * 64 * 3, a.Rgb.Length);
        Assert.Equal(a, b with { Rgb = a.Rgb });
        Assert.Equal(a.Rgb, b.Rgb);
        Assert.NotEqual(a.Rgb, c.Rgb);
    }

    [Fact]
    public void Samples_of_one_camera_share_its_degradation_but_not_their_noise()
    {
        var degradation = new Degradation(new DegradationOptions { CleanShare = 0, NoiseProbability = 1, FlipProbability = 0 }, 64);

        var a = degradation.Apply(Chip, LfwChips.Size, new Random(1), new Random(9));
        var b = degradation.Apply(Chip, LfwChips.Size, new Random(2), new Random(9));
        var sizes = Enumerable.Range(0, 20).Select(c => degradation.Apply(Chip, LfwChips.Size, new Random(1), new Random(c)).SizePx).Distinct();

        Assert.Equal(a.SizePx, b.SizePx);
        Assert.NotEqual(a.Rgb, b.Rgb);
        Assert.True(sizes.Count() > 1);
    }

    [Fact]
    public void Sizes_stay_in_the_configured_range_and_the_clean_share_is_respected()
    {
        var degradation = new Degradation(new DegradationOptions { CleanShare = 0.25, MinSizePx = 10, MaxSizePx = 14 }, 64);
        var random = new Random(1);

        var samples = Enumerable.Range(0, 400).Select(_ => degradation.Apply(Chip, LfwChips.Size, random)).ToList();

        var clean = samples.Count(s => s.SizePx is null);
        Assert.InRange(clean, 70, 130);
        Assert.All(samples.Where(s => s.SizePx is not null), s => Assert.InRange(s.SizePx!.Value, 10, 14));
        Assert.Equal([10, 11, 12, 13, 14], samples.Where(s => s.SizePx is not null).Select(s => s.SizePx!.Value).Distinct().Order());
    }

    [Fact]
    public void A_low_resolution_sample_has_lost_the_detail_of_the_clean_one()
    {
        var plain = new DegradationOptions { CleanShare = 0, MinSizePx = 8, MaxSizePx = 8, FlipProbability = 0, MotionBlurProbability = 0, GaussianBlurProbability = 0, NoiseProbability = 0, JpegProbability = 0, LightingProbability = 0, ColourCastProbability = 0 };
        var lowResolution = new Degradation(plain, 64).Apply(Chip, LfwChips.Size, new Random(1));
        var clean = new Degradation(plain with { CleanShare = 1 }, 64).Apply(Chip, LfwChips.Size, new Random(1));

        Assert.Equal(8, lowResolution.SizePx);
        Assert.True(Detail(lowResolution.Rgb) < Detail(clean.Rgb) / 2, $"detail {Detail(lowResolution.Rgb)} vs {Detail(clean.Rgb)}");
    }

    // Mean absolute difference between horizontally neighbouring pixels: high-frequency content.
    private static double Detail(byte[] rgb) =>
        Enumerable.Range(0, rgb.Length - 3).Where(i => (i / 3) % 64 != 63).Average(i => Math.Abs(rgb[i] - rgb[i + 3]));
}
