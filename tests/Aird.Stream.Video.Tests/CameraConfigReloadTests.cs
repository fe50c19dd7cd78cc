using Aird.Stream.Video.Tests.Support;
using Microsoft.Extensions.Options;

namespace Aird.Stream.Video.Tests;

/// <summary>Editing cameras.json while the fleet runs: only the cameras that changed are touched.</summary>
public sealed class CameraConfigReloadTests(TestClips clips) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly string camerasJson = Path.Combine(clips.Directory, $"cameras-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(camerasJson);

    [Fact]
    public async Task Added_cameras_start_removed_ones_stop_changed_ones_restart_and_the_untouched_one_keeps_flowing()
    {
        var steady = new { Id = "steady", Url = clips.CopyAs(clips.OneSecond160, "steady.mp4"), Fps = 10, Loop = true };
        var leaving = new { Id = "leaving", Url = clips.CopyAs(clips.OneSecond160, "leaving.mp4"), Fps = 10, Loop = true };
        var added = new { Id = "added", Url = clips.CopyAs(clips.OneSecond160, "added.mp4"), Fps = 10, Loop = true };
        TestFleet.WriteCameras(camerasJson, steady, leaving);
        await using var fleet = await TestFleet.StartAsync(camerasJson);
        long steadyFrames = 0;

        // Between every step the untouched camera must have delivered more frames, on the same connection.
        async Task SteadyKeepsFlowingAsync()
        {
            var seen = steadyFrames;
            await Eventually.HoldsAsync(() => fleet.HealthOf("steady").FramesTotal >= seen + 5, Patience, () => $"{fleet.HealthOf("steady")} flowing");
            var health = fleet.HealthOf("steady");
            Assert.Equal((CameraState.Connected, 0), (health.State, health.Reconnects));
            steadyFrames = health.FramesTotal;
        }

        await Eventually.HoldsAsync(() => fleet.Health.Get("leaving")?.FramesTotal > 0, Patience, () => "leaving started");
        await SteadyKeepsFlowingAsync();

        TestFleet.WriteCameras(camerasJson, steady, leaving, added);
        await Eventually.HoldsAsync(() => fleet.Health.Get("added")?.FramesTotal > 0, Patience, () => "added camera started");
        await SteadyKeepsFlowingAsync();

        TestFleet.WriteCameras(camerasJson, steady, added);
        await Eventually.HoldsAsync(() => fleet.Health.Get("leaving") is null, Patience, () => "removed camera stopped");
        Assert.Empty(ChildProcesses.FfmpegFor(leaving.Url));
        await SteadyKeepsFlowingAsync();

        TestFleet.WriteCameras(camerasJson, steady, added with { Fps = 4 });
        await Eventually.HoldsAsync(
            () => ChildProcesses.FfmpegFor(added.Url).Count == 1 && fleet.Health.Get("added")?.FramesTotal > 0 && FfmpegFpsOf(added.Url) == "fps=4,scale=160:120",
            Patience,
            () => "changed camera restarted at 4 fps");
        await SteadyKeepsFlowingAsync();

        // Broken edits (two cameras with one id; a half-written file) are refused; everything keeps running as before.
        TestFleet.WriteCameras(camerasJson, steady, added, added);
        await Task.Delay(1_000, TestContext.Current.CancellationToken);
        File.WriteAllText(camerasJson, """{ "Cameras": { "Items": [ { "Id": """);
        await Task.Delay(1_000, TestContext.Current.CancellationToken);
        Assert.Equal(["added", "steady"], fleet.Health.Snapshot().Select(h => h.CameraId));
        await SteadyKeepsFlowingAsync();

        // The next good edit applies.
        TestFleet.WriteCameras(camerasJson, steady);
        await Eventually.HoldsAsync(() => fleet.Health.Get("added") is null, Patience, () => "camera removed after the broken edits");
        await SteadyKeepsFlowingAsync();
    }

    [Fact]
    public async Task An_invalid_camera_list_fails_the_start_listing_every_problem()
    {
        TestFleet.WriteCameras(camerasJson, new { Id = "a", Url = "/x.mp4" }, new { Id = "A", Url = "", Fps = 0 });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestFleet.StartAsync(camerasJson));

        Assert.Contains("Cameras:Items:1 ('A'): Id is used by another camera", error.Message, StringComparison.Ordinal);
        Assert.Contains("Cameras:Items:1 ('A'): Url must be set", error.Message, StringComparison.Ordinal);
        Assert.Contains("Cameras:Items:1 ('A'): Fps must be above 0", error.Message, StringComparison.Ordinal);
    }

    private static string? FfmpegFpsOf(string url) =>
        ChildProcesses.FfmpegFor(url)
            .Select(pid => File.ReadAllText($"/proc/{pid}/cmdline").Split('\0'))
            .Where(argv => argv.Contains("-vf"))
            .Select(argv => argv[Array.IndexOf(argv, "-vf") + 1])
            .FirstOrDefault();
}
