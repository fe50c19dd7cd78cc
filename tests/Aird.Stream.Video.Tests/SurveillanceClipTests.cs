using System.Drawing;
using Aird.Stream.Video.Synthetic;

namespace Aird.Stream.Video.Tests;

/// <summary>The synthetic clip refuses what it cannot render with a clear error, before starting ffmpeg.</summary>
public sealed class SurveillanceClipTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aird-clip-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_person_without_an_lfw_image_is_named_in_the_error()
    {
        var person = new ClipPerson("Nobody_At_All", 24, new PointF(10, 10), new PointF(50, 50), TimeSpan.Zero, TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => SurveillanceClip.CreateAsync(
            Path.Combine(_folder, "none.mp4"), [person], TimeSpan.FromSeconds(1), lfwFolder: _folder, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("Nobody_At_All_0001.jpg", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "none.mp4")));
    }

    [Fact]
    public void An_lfw_image_path_follows_the_original_layout()
    {
        var path = LfwFolder.ImagePath("/data/lfw", "Tony_Blair", 3);

        Assert.Equal("/data/lfw/lfw-deepfunneled/Tony_Blair/Tony_Blair_0003.jpg", path);
    }
}
