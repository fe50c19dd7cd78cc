namespace Aird.Stream.Cli.Pipeline;

/// <summary>The demo clip and cast: <paramref name="People"/> LFW DevTest people from <paramref name="Lfw"/>, the
/// first <paramref name="Enrolled"/> of them enrolled, in a clip of <paramref name="Duration"/> written to
/// <paramref name="Output"/>; cameras sample it at <paramref name="CameraFps"/>.</summary>
internal sealed record DemoSettings(
    string Lfw, string Output, TimeSpan Duration, int People, int Enrolled, int Width, int Height, double CameraFps, int Seed)
{
    /// <summary>The face range the cameras search: the cast's 16-40 px with room for the detector's box.</summary>
    public const int MinFacePx = 16;

    public const int MaxFacePx = 48;

    /// <summary>What is wrong with these settings, or null.</summary>
    public string? Problem() =>
        Duration < TimeSpan.FromSeconds(10) || People < 1 || Enrolled < 0 || Enrolled > People || !(CameraFps > 0)
        || Width < 64 || Height < 64 || Width % 2 != 0 || Height % 2 != 0
            ? "need --seconds >= 10, --people >= 1, 0 <= --enrolled <= --people, --camera-fps > 0 and an even frame size of at least 64x64"
            : null;
}
