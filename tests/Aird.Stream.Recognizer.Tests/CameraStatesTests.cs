using Aird.Stream.Recognizer.Tests.Support;
using Aird.Stream.Storage.FaceBn;

namespace Aird.Stream.Recognizer.Tests;

/// <summary>When per-camera FaceBN state is saved, and that a saved state resumes exactly where it left off.</summary>
public sealed class CameraStatesTests(MigratedDatabase database, StudentModelFiles models)
    : IClassFixture<MigratedDatabase>, IClassFixture<StudentModelFiles>
{
    private const int Chip = 64;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_camera_is_saved_once_it_saw_SaveEveryFaces_new_faces()
    {
        using var embedder = await TestEmbedders.OpenAsync(
            database, models, true, new RecognizerOptions { SaveEveryFaces = 3, SaveEveryMs = int.MaxValue }, "every-3");

        embedder.Embed([Crop("every-3", 0), Crop("every-3", 1)]);
        await embedder.Cameras!.SaveDueAsync(Cancel);
        Assert.Null(await LoadAsync(embedder, "every-3"));

        embedder.Embed([Crop("every-3", 2)]);
        await embedder.Cameras.SaveDueAsync(Cancel);
        Assert.Equal(3, (await LoadAsync(embedder, "every-3"))!.FacesSeen);
    }

    [Fact]
    public async Task A_camera_with_unsaved_faces_is_saved_after_SaveEveryMs()
    {
        using var embedder = await TestEmbedders.OpenAsync(
            database, models, true, new RecognizerOptions { SaveEveryFaces = int.MaxValue, SaveEveryMs = 50 }, "timed", "idle");

        embedder.Embed([Crop("timed", 0)]);
        await Task.Delay(100, Cancel);
        await embedder.Cameras!.SaveDueAsync(Cancel);

        Assert.Equal(1, (await LoadAsync(embedder, "timed"))!.FacesSeen);
        Assert.Null(await LoadAsync(embedder, "idle"));
    }

    [Fact]
    public async Task A_released_camera_resumes_in_another_instance_exactly_as_if_it_had_stayed()
    {
        var options = new RecognizerOptions { SaveEveryFaces = int.MaxValue, SaveEveryMs = int.MaxValue };
        using var first = await TestEmbedders.OpenAsync(database, models, true, options, "moving");
        using var stayed = await TestEmbedders.OpenAsync(database, models, true, options, "staying");

        first.Embed([Crop("moving", 0), Crop("moving", 1), Crop("moving", 2)]);
        stayed.Embed([Crop("staying", 0), Crop("staying", 1), Crop("staying", 2)]);
        await first.Cameras!.ReleaseAsync([0]);

        Assert.Throws<InvalidOperationException>(() => first.Embed([Crop("moving", 3)]));
        using var second = await TestEmbedders.OpenAsync(database, models, true, options, "moving");
        var resumed = second.Embed([Crop("moving", 3), Crop("moving", 4)]);
        var reference = stayed.Embed([Crop("staying", 3), Crop("staying", 4)]);

        Assert.All(resumed, e => Assert.True(e.FaceBnApplied));
        for (var i = 0; i < resumed.Count; i++)
        {
            Assert.True(TestEmbedders.MaxDifference(reference[i].Vector, resumed[i].Vector) < 1e-6, $"sample {i}");
        }
    }

    [Fact]
    public async Task A_damaged_stored_state_is_discarded_and_the_camera_starts_from_training()
    {
        using var probe = await TestEmbedders.OpenAsync(database, models, true, null, "probe");
        var version = probe.Version;
        await database.Store.SaveAsync(new StoredFaceBnState("damaged", version, new byte[] { 1, 2, 3 }, 1_000_000), Cancel);

        using var embedder = await TestEmbedders.OpenAsync(database, models, true, null, "damaged");

        Assert.Null(await database.Store.LoadAsync("damaged", version, Cancel));
        Assert.False(Assert.Single(embedder.Embed([Crop("damaged", 0)])).FaceBnApplied);
        await embedder.Cameras!.SaveAllAsync();
        Assert.Equal(1, (await database.Store.LoadAsync("damaged", version, Cancel))!.FacesSeen);
    }

    private static CropChip Crop(string camera, int face) => new(camera, TestCrops.Rgb(face, Chip));

    private Task<StoredFaceBnState?> LoadAsync(ICropEmbedder embedder, string camera) =>
        database.Store.LoadAsync(camera, embedder.Version, Cancel);
}
