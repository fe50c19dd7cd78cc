namespace Aird.Stream.Video.Tests;

public sealed class CameraConfigDiffTests
{
    private static readonly CameraOptions A = new() { Id = "a", Url = "rtsp://cam-a/stream" };
    private static readonly CameraOptions B = new() { Id = "b", Url = "/clips/b.mp4", Loop = true };
    private static readonly CameraOptions C = new() { Id = "c", Url = "/dev/video0" };

    [Fact]
    public void Added_removed_and_changed_cameras_are_found_and_equal_ones_left_alone()
    {
        var running = Running(A, B);

        var diff = CameraConfigDiff.Compute(running, [A with { }, B with { Fps = 2 }, C]);

        Assert.Equal([C], diff.Added);
        Assert.Empty(diff.Removed);
        Assert.Equal([B with { Fps = 2 }], diff.Changed);

        diff = CameraConfigDiff.Compute(running, [B with { }]);
        Assert.Equal(["a"], diff.Removed);
        Assert.Equal((0, 0), (diff.Added.Count, diff.Changed.Count));
    }

    [Fact]
    public void A_disabled_camera_counts_as_removed_and_an_unchanged_list_changes_nothing()
    {
        var running = Running(A, B);

        Assert.Equal(["a"], CameraConfigDiff.Compute(running, [A with { Enabled = false }, B]).Removed);
        Assert.True(CameraConfigDiff.Compute(running, [B with { }, A with { }]).IsEmpty);
        Assert.Empty(CameraConfigDiff.Compute(Running(), [C with { Enabled = false }]).Added);
    }

    [Theory]
    [InlineData("Url")]
    [InlineData("MinFacePx")]
    [InlineData("Loop")]
    public void Any_setting_of_a_camera_counts_as_a_change(string setting)
    {
        var changed = setting switch
        {
            "Url" => A with { Url = "rtsp://cam-a/other" },
            "MinFacePx" => A with { MinFacePx = 24 },
            _ => A with { Loop = true },
        };

        Assert.Equal([changed], CameraConfigDiff.Compute(Running(A), [changed]).Changed);
    }

    private static Dictionary<string, CameraOptions> Running(params CameraOptions[] cameras) =>
        cameras.ToDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase);
}
