namespace Aird.Stream.Video.Tests;

public sealed class CamerasOptionsValidatorTests
{
    [Fact]
    public void A_sound_configuration_passes()
    {
        var options = With(
            new CameraOptions { Id = "door", Url = "rtsp://10.0.0.5/stream1", Fps = 5, MinFacePx = 20, MaxFacePx = 200 },
            new CameraOptions { Id = "replay", Url = "/clips/x.mp4", Loop = true, Enabled = false });

        Assert.Empty(CamerasOptionsValidator.Validate(options));
    }

    [Theory]
    [InlineData("", "/x.mp4", 5, false, "Cameras:Items:1 (''): Id must be set")]
    [InlineData("door", "/x.mp4", 5, false, "Cameras:Items:1 ('door'): Id is used by another camera")]
    [InlineData("DOOR", "/x.mp4", 5, false, "Id is used by another camera")]
    [InlineData("hall", " ", 5, false, "Cameras:Items:1 ('hall'): Url must be set")]
    [InlineData("hall", "/x.mp4", 0, false, "Cameras:Items:1 ('hall'): Fps must be above 0")]
    [InlineData("hall", "/x.mp4", -1, false, "Fps must be above 0")]
    [InlineData("hall", "rtsp://cam/x", 5, true, "Cameras:Items:1 ('hall'): Loop applies to files only")]
    public void Each_bad_camera_is_reported_by_position_and_id(string id, string url, double fps, bool loop, string expected)
    {
        var options = With(new CameraOptions { Id = "door", Url = "/a.mp4" }, new CameraOptions { Id = id, Url = url, Fps = fps, Loop = loop });

        var error = Assert.Single(CamerasOptionsValidator.Validate(options));

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Face_sizes_and_reconnect_settings_are_checked()
    {
        var options = With(new CameraOptions { Id = "door", Url = "/a.mp4", MinFacePx = 80, MaxFacePx = 40 });
        options.ReconnectInitialMs = 5_000;
        options.ReconnectMaxMs = 1_000;

        var errors = CamerasOptionsValidator.Validate(options);

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("Cameras:ReconnectInitialMs", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("MinFacePx at most MaxFacePx", StringComparison.Ordinal));
    }

    private static CamerasOptions With(params CameraOptions[] cameras)
    {
        var options = new CamerasOptions();
        foreach (var camera in cameras)
        {
            options.Items.Add(camera);
        }

        return options;
    }
}
