using Aird.Stream.Evaluation.Degradations;
using Aird.Stream.Testing;

namespace Aird.Stream.Evaluation.Tests.Degradations;

public class CameraProfileTests
{
    private static readonly byte[] Chip = LfwChips.CentreCrop("Aaron_Peirsol", 1);

    [Fact]
    public void A_camera_renders_an_image_the_same_way_every_time_and_another_image_with_other_noise()
    {
        var camera = CameraProfile.Defaults.Single(c => c.Name == "B");

        var first = camera.Render(Chip, LfwChips.Size, 64, "a.jpg");
        var again = camera.Render(Chip, LfwChips.Size, 64, "a.jpg");
        var otherName = camera.Render(Chip, LfwChips.Size, 64, "b.jpg");

        Assert.Equal(64 * 64 * 3, first.Length);
        Assert.Equal(first, again);
        Assert.NotEqual(first, otherName);
    }

    [Fact]
    public void The_four_cameras_differ_and_the_dark_one_is_darker()
    {
        var renders = CameraProfile.Defaults.ToDictionary(c => c.Name, c => c.Render(Chip, LfwChips.Size, 64, "a.jpg"));

        Assert.Equal(["A", "B", "C", "D"], renders.Keys);
        Assert.Equal(4, renders.Values.Select(Convert.ToBase64String).Distinct().Count());
        Assert.True(renders["B"].Average(b => b) < renders["A"].Average(b => b) * 0.7);
    }

    [Fact]
    public void The_clean_camera_is_the_area_downsampled_chip_of_the_one_side_protocol()
    {
        var camera = CameraProfile.Defaults.Single(c => c.Name == "A");

        var rendered = camera.Render(Chip, LfwChips.Size, 64, "a.jpg");
        var protocol = Aird.Stream.Evaluation.Pipeline.ChipResampler.ToModelInput(Chip, LfwChips.Size, camera.SizePx, 64);

        Assert.Equal(protocol, rendered);
    }
}
