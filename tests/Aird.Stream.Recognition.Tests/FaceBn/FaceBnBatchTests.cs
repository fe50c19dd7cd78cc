using Aird.Stream.Recognition.FaceBn;

namespace Aird.Stream.Recognition.Tests.FaceBn;

public sealed class FaceBnBatchTests
{
    private static readonly int[] Channels = [4, 9, 3];
    private static readonly string[] CameraIds = ["a", "b", "c"];

    [Fact]
    public void A_mixed_camera_batch_gives_the_same_inputs_and_updates_as_each_camera_alone()
    {
        var faces = new SyntheticFaces(seed: 10);
        var model = faces.RandomModel("v1", Channels);
        var mixed = CameraIds.ToDictionary(id => id, id => WarmedUp(faces, model, id));
        var alone = mixed.ToDictionary(kv => kv.Key, kv => SyntheticFaces.Copy(kv.Value));
        string[] cameraOfSample = ["a", "b", "a", "c", "b", "a", "c", "c", "b", "a"];
        var (means, sqMeans) = faces.RandomMoments(model, cameraOfSample.Length);

        var batch = FaceBnBatch.Plan([.. cameraOfSample.Select(id => mixed[id])], MomentumSchedule.Default);
        batch.ApplyMoments(means, sqMeans);

        foreach (var (id, state) in alone)
        {
            var samples = Enumerable.Range(0, cameraOfSample.Length).Where(i => cameraOfSample[i] == id).ToArray();
            var own = FaceBnBatch.Plan([.. samples.Select(_ => state)], MomentumSchedule.Default);
            for (var l = 0; l < model.Layers.Count; l++)
            {
                Assert.Equal(Rows(batch.Scales[l], Channels[l], samples), own.Scales[l]);
                Assert.Equal(Rows(batch.Shifts[l], Channels[l], samples), own.Shifts[l]);
            }

            own.ApplyMoments(
                [.. means.Select((m, l) => (ReadOnlyMemory<float>)Rows(m.ToArray(), Channels[l], samples))],
                [.. sqMeans.Select((q, l) => (ReadOnlyMemory<float>)Rows(q.ToArray(), Channels[l], samples))]);

            Assert.Equal(state.ToBytes(), mixed[id].ToBytes());
            Assert.Equal(samples.Length + 5, mixed[id].FacesSeen);
        }
    }

    [Fact]
    public void Every_sample_is_normalised_with_its_camera_state_from_before_the_batch()
    {
        var faces = new SyntheticFaces(seed: 11);
        var model = faces.RandomModel("v1", Channels);
        var a = WarmedUp(faces, model, "a");
        var b = WarmedUp(faces, model, "b");
        var before = Enumerable.Range(0, model.Layers.Count).Select(l => (A: a.Fold(l), B: b.Fold(l))).ToArray();

        var batch = FaceBnBatch.Plan([b, a, a], MomentumSchedule.Default);
        var (means, sqMeans) = faces.RandomMoments(model, 3);
        batch.ApplyMoments(means, sqMeans);

        for (var l = 0; l < model.Layers.Count; l++)
        {
            Assert.Equal(before[l].B.Scale, Rows(batch.Scales[l], Channels[l], [0]));
            Assert.Equal(before[l].A.Scale, Rows(batch.Scales[l], Channels[l], [1]));
            Assert.Equal(before[l].A.Shift, Rows(batch.Shifts[l], Channels[l], [2]));
            Assert.NotEqual(before[l].A.Scale, a.Fold(l).Scale);
        }
    }

    [Fact]
    public void Bad_outputs_change_no_camera_and_a_batch_applies_once()
    {
        var faces = new SyntheticFaces(seed: 12);
        var model = faces.RandomModel("v1", Channels);
        var a = WarmedUp(faces, model, "a");
        var b = WarmedUp(faces, model, "b");
        var (aBefore, bBefore) = (a.ToBytes(), b.ToBytes());
        var batch = FaceBnBatch.Plan([a, b], MomentumSchedule.Default);
        var (means, sqMeans) = faces.RandomMoments(model, 2);
        var broken = sqMeans.ToArray();
        var last = broken[^1].ToArray();
        last[^1] = float.PositiveInfinity;
        broken[^1] = last;

        Assert.Throws<ArgumentException>(() => batch.ApplyMoments(means, broken));
        Assert.Equal(aBefore, a.ToBytes());
        Assert.Equal(bBefore, b.ToBytes());

        batch.ApplyMoments(means, sqMeans);
        Assert.Throws<InvalidOperationException>(() => batch.ApplyMoments(means, sqMeans));
    }

    [Fact]
    public void A_batch_cannot_mix_model_versions_or_be_empty()
    {
        var a = FaceBnState.FromTraining("a", SyntheticFaces.Model("v1", Channels));
        var b = FaceBnState.FromTraining("b", SyntheticFaces.Model("v2", Channels));

        var error = Assert.Throws<ArgumentException>(() => FaceBnBatch.Plan([a, b], MomentumSchedule.Default));
        Assert.Contains("v2", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => FaceBnBatch.Plan([], MomentumSchedule.Default));
    }

    private static FaceBnState WarmedUp(SyntheticFaces faces, FaceBnModel model, string cameraId)
    {
        var state = FaceBnState.FromTraining(cameraId, model);
        var (means, sqMeans) = faces.RandomMoments(model, 5);
        state.Update(MomentumSchedule.Default, 5, means, sqMeans);
        return state;
    }

    private static float[] Rows(float[] rows, int channels, int[] samples) =>
        [.. samples.SelectMany(i => rows.Skip(i * channels).Take(channels))];
}
