using Aird.Stream.Recognizer.Tests.Support;
using Aird.Stream.Storage.FaceBn;

namespace Aird.Stream.Recognizer.Tests;

/// <summary>The facebn_state table through <see cref="FaceBnStateStore"/>, in the real PostgreSQL.</summary>
public sealed class FaceBnStateStoreTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_saved_state_loads_back_by_camera_and_model_version()
    {
        var store = database.Store;
        var blob = new byte[] { 1, 2, 3, 250 };

        Assert.Null(await store.LoadAsync("cam-load", "v1", Cancel));
        Assert.True(await store.SaveAsync(new StoredFaceBnState("cam-load", "v1", blob, 7), Cancel));

        var loaded = await store.LoadAsync("cam-load", "v1", Cancel);
        Assert.NotNull(loaded);
        Assert.Equal(blob, loaded.State.ToArray());
        Assert.Equal(7, loaded.FacesSeen);
        Assert.Null(await store.LoadAsync("cam-load", "v2", Cancel));
        Assert.Null(await store.LoadAsync("cam-other", "v1", Cancel));
    }

    [Fact]
    public async Task Saving_again_replaces_the_state_and_a_repeated_save_changes_nothing()
    {
        var store = database.Store;
        await store.SaveAsync(new StoredFaceBnState("cam-upsert", "v1", new byte[] { 1 }, 10), Cancel);

        Assert.True(await store.SaveAsync(new StoredFaceBnState("cam-upsert", "v1", new byte[] { 2, 2 }, 20), Cancel));
        Assert.True(await store.SaveAsync(new StoredFaceBnState("cam-upsert", "v1", new byte[] { 2, 2 }, 20), Cancel));

        var loaded = await store.LoadAsync("cam-upsert", "v1", Cancel);
        Assert.Equal([2, 2], loaded!.State.ToArray());
        Assert.Equal(20, loaded.FacesSeen);
    }

    [Fact]
    public async Task A_state_that_saw_fewer_faces_than_the_stored_one_is_not_written()
    {
        var store = database.Store;
        await store.SaveAsync(new StoredFaceBnState("cam-late", "v1", new byte[] { 9 }, 100), Cancel);

        Assert.False(await store.SaveAsync(new StoredFaceBnState("cam-late", "v1", new byte[] { 5 }, 99), Cancel));

        var loaded = await store.LoadAsync("cam-late", "v1", Cancel);
        Assert.Equal([9], loaded!.State.ToArray());
        Assert.Equal(100, loaded.FacesSeen);
    }

    [Fact]
    public async Task A_deleted_state_is_gone_and_the_camera_can_start_afresh()
    {
        var store = database.Store;
        await store.SaveAsync(new StoredFaceBnState("cam-delete", "v1", new byte[] { 9 }, 100), Cancel);

        await store.DeleteAsync("cam-delete", "v1", Cancel);

        Assert.Null(await store.LoadAsync("cam-delete", "v1", Cancel));
        Assert.True(await store.SaveAsync(new StoredFaceBnState("cam-delete", "v1", new byte[] { 1 }, 1), Cancel));
    }

    [Fact]
    public async Task Malformed_arguments_are_refused_before_any_database_work()
    {
        var store = database.Store;

        await Assert.ThrowsAsync<ArgumentException>(() => store.LoadAsync(" ", "v1", Cancel));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.SaveAsync(new StoredFaceBnState("cam", "v1", new byte[] { 1 }, -1), Cancel));
    }
}
