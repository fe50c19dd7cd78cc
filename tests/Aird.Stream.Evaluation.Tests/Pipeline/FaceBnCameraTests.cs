using Aird.Stream.Evaluation.Degradations;
using Aird.Stream.Evaluation.Pipeline;
using Aird.Stream.Models.Runtime;
using Aird.Stream.Recognition.FaceBn;
using Aird.Stream.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aird.Stream.Evaluation.Tests.Pipeline;

/// <summary>The committed FaceBN student driven as a camera, as the evaluation and the recognizer drive it.</summary>
public sealed class FaceBnCameraTests : IDisposable
{
    private static readonly (string Person, int Image)[] Faces =
        [("Aaron_Peirsol", 1), ("Aaron_Peirsol", 2), ("Abel_Pacheco", 1), ("Zico", 1), ("Abdullah_Gul", 1), ("Adam_Sandler", 1)];

    private readonly FaceBnSession _session = new(new OnnxSessionFactory(NullLogger<OnnxSessionFactory>.Instance).Create(
        Path.Combine(RepositoryPaths.Root, "models", "student", "student-facebn.onnx"), new OnnxRuntimeOptions { Provider = ExecutionProviderPreference.Cpu }));

    private List<ReadOnlyMemory<byte>> DarkNoisyChips =>
        Faces.Select(f => (ReadOnlyMemory<byte>)CameraProfile.Defaults[1].Render(LfwChips.CentreCrop(f.Person, f.Image), LfwChips.Size, _session.ChipSize, f.Person)).ToList();

    [Fact]
    public void Without_adaptation_a_camera_embeds_like_the_training_statistics_and_stays_unchanged()
    {
        var camera = FaceBnCamera.Start(_session, "cam", MomentumSchedule.Default);

        var first = camera.Embed(DarkNoisyChips, adapt: false, TestContext.Current.CancellationToken);
        var again = camera.Embed(DarkNoisyChips, adapt: false, TestContext.Current.CancellationToken);

        Assert.Equal(0, camera.FacesSeen);
        Assert.Equal(first, again);
        Assert.All(first, v => Assert.Equal(1, Math.Sqrt(v.Sum(x => (double)x * x)), 4));
    }

    [Fact]
    public void Adapting_moves_the_camera_state_and_a_snapshot_keeps_its_own()
    {
        var camera = FaceBnCamera.Start(_session, "cam", MomentumSchedule.Default);
        var before = camera.Embed(DarkNoisyChips, adapt: false, TestContext.Current.CancellationToken);

        camera.Embed([.. DarkNoisyChips, .. DarkNoisyChips, .. DarkNoisyChips], adapt: true, TestContext.Current.CancellationToken);
        var snapshot = camera.Snapshot();
        var adapted = snapshot.Embed(DarkNoisyChips, adapt: false, TestContext.Current.CancellationToken);
        camera.Embed(DarkNoisyChips, adapt: true, TestContext.Current.CancellationToken);

        Assert.Equal(18 + 6, camera.FacesSeen);
        Assert.Equal(18, snapshot.FacesSeen);
        Assert.NotEqual(before[0], adapted[0]);
        Assert.Equal(adapted, snapshot.Embed(DarkNoisyChips, adapt: false, TestContext.Current.CancellationToken));
    }

    public void Dispose() => _session.Dispose();
}
