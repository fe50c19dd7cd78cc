using System.Buffers.Binary;
using Aird.Stream.Recognition.FaceBn;

namespace Aird.Stream.Recognition.Tests.FaceBn;

public sealed class FaceBnStateFormatTests
{
    private static readonly int[] Channels = [3, 5];

    [Fact]
    public void A_state_round_trips_exactly()
    {
        var faces = new SyntheticFaces(seed: 30);
        var model = faces.RandomModel("student-2026.11", Channels);
        var state = FaceBnState.FromTraining("gate-3", model);
        var (means, sqMeans) = faces.RandomMoments(model, 7);
        state.Update(MomentumSchedule.Default, 7, means, sqMeans);

        var restored = FaceBnState.FromBytes("gate-3", model, state.ToBytes());

        Assert.Equal(7, restored.FacesSeen);
        Assert.Equal("gate-3", restored.CameraId);
        for (var l = 0; l < Channels.Length; l++)
        {
            Assert.Equal(state.RunningMean(l).ToArray(), restored.RunningMean(l).ToArray());
            Assert.Equal(state.RunningVariance(l).ToArray(), restored.RunningVariance(l).ToArray());
        }

        Assert.Equal(state.ToBytes(), restored.ToBytes());
    }

    [Fact]
    public void Every_truncation_is_refused()
    {
        var model = SyntheticFaces.Model("v1", Channels);
        var blob = FaceBnState.FromTraining("cam", model).ToBytes();

        for (var length = 0; length < blob.Length; length++)
        {
            var error = Assert.Throws<FaceBnStateFormatException>(() => FaceBnState.FromBytes("cam", model, blob.AsSpan(0, length)));
            Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_state_of_another_model_is_refused()
    {
        var model = SyntheticFaces.Model("v1", Channels);
        var blob = FaceBnState.FromTraining("cam", model).ToBytes();

        AssertRefused(SyntheticFaces.Model("v2", Channels), blob, "model version 'v1'");
        AssertRefused(SyntheticFaces.Model("v1", 3), blob, "2 BatchNorm layers");
        AssertRefused(SyntheticFaces.Model("v1", 3, 6), blob, "bn1 has 5 channels");
    }

    [Fact]
    public void Damaged_headers_and_values_are_refused()
    {
        var model = SyntheticFaces.Model("v1", Channels);
        var blob = FaceBnState.FromTraining("cam", model).ToBytes();

        AssertRefused(model, Patched(blob, b => b[0] = (byte)'X'), "magic");
        AssertRefused(model, Patched(blob, b => BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(4), 2)), "format version 2");
        AssertRefused(model, [.. blob, 0], "bytes after the last layer");

        // Header: magic 4, format 2, version length 4 + "v1" 2, faces seen 8, layer count 4, bn0 channel count 4.
        const int FacesSeen = 12, Bn0Variance = 28 + (3 * sizeof(double));
        AssertRefused(model, Patched(blob, b => BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(FacesSeen), -1)), "faces seen");
        AssertRefused(model, Patched(blob, b => BinaryPrimitives.WriteDoubleLittleEndian(b.AsSpan(Bn0Variance), -0.5)), "negative");
        AssertRefused(model, Patched(blob, b => BinaryPrimitives.WriteDoubleLittleEndian(b.AsSpan(28), double.NaN)), "non-finite");
    }

    private static byte[] Patched(byte[] blob, Action<byte[]> patch)
    {
        var copy = blob.ToArray();
        patch(copy);
        return copy;
    }

    private static void AssertRefused(FaceBnModel model, byte[] blob, string why)
    {
        var error = Assert.Throws<FaceBnStateFormatException>(() => FaceBnState.FromBytes("cam-7", model, blob));
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
        Assert.Contains("cam-7", error.Message, StringComparison.Ordinal);
    }
}
