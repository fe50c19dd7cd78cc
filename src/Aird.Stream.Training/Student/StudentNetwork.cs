using Aird.Stream.Models;
using Aird.Stream.Models.Student;
using Aird.Stream.Training.Teacher;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Aird.Stream.Training.Student;

/// <summary>
/// The AIRD student: the teacher's ResNet layout (32-64-128-256 channels, 13 residual blocks) on a 64 px chip with
/// BatchNorm after every convolution, ending in the teacher's 256 -> 128 projection. Input NCHW [N, 3, 64, 64] RGB in
/// 0..255, output [N, 128] not L2-normalised, as <see cref="StudentModel"/> states for the exported graphs.
/// </summary>
/// <remarks>
/// Feature maps are 32 -> 16 (after the stem and pool) -> 8 -> 4 -> 2: about a fifth of the teacher's multiply-adds.
/// The teacher's last down block (2x2 -> 1x1 at 150 px) is dropped: at 64 px there is nothing left to halve.
/// Every convolution has the teacher's kernel shape, so <see cref="FromTeacher"/> can start from its filters.
/// </remarks>
public sealed class StudentNetwork : nn.Module<Tensor, Tensor>
{
    private readonly Tensor _mean;

    public StudentNetwork()
        : base("aird_student")
    {
        Stem = new ConvBatchNorm("stem", 3, 32, 7, 2, relu: true);
        Blocks = nn.ModuleList(DlibResNetModule.Blocks
            .Take(DlibResNetModule.Blocks.Length - 1)
            .Select(b => new StudentBlock(b.Name, b.In, b.Out, b.Down))
            .ToArray());
        Projection = nn.Linear(256, StudentModel.EmbeddingSize, hasBias: false);
        _mean = tensor(PixelNormalisation.MeanRgb.ToArray()).view(1, 3, 1, 1);
        RegisterComponents();
    }

    internal ConvBatchNorm Stem { get; }

    internal ModuleList<StudentBlock> Blocks { get; }

    internal Linear Projection { get; }

    /// <summary>Every conv + BatchNorm unit in forward order: unit l holds FaceBN layer l.</summary>
    internal IReadOnlyList<ConvBatchNorm> Units => [Stem, .. Blocks.SelectMany(b => new[] { b.First, b.Second })];

    /// <summary>
    /// A student that starts as the teacher: the teacher's filters and projection, and BatchNorm parameters fitted
    /// on <paramref name="calibrationBatch"/> (64 px inputs) so that in training mode it computes the teacher's
    /// per-channel affine layers exactly on that batch.
    /// </summary>
    public static StudentNetwork FromTeacher(DlibResNetModule teacher, Tensor calibrationBatch)
    {
        ArgumentNullException.ThrowIfNull(teacher);
        ArgumentNullException.ThrowIfNull(calibrationBatch);
        var student = new StudentNetwork();
        var teacherUnits = new List<ConvUnit> { teacher.Stem };
        teacherUnits.AddRange(teacher.ResidualBlocks.SelectMany(b => new[] { b.First, b.Second }));
        var units = student.Units;
        for (var i = 0; i < units.Count; i++)
        {
            var (filters, bias, scale, shift) = teacherUnits[i].Weights;
            units[i].InitialiseFrom(filters, bias, scale, shift);
        }

        using (no_grad())
        {
            student.Projection.weight!.copy_(teacher.Projection.t());
            student.train();
            using var _ = student.forward(calibrationBatch);
        }

        return student;
    }

    /// <summary>
    /// Replaces every BatchNorm layer's running statistics with their average over <paramref name="count"/> batches,
    /// each batch weighing the same, in place of the exponential average of the last training steps.
    /// </summary>
    /// <remarks>
    /// The exported statistics are what the plain graph normalises with and where every camera's FaceBN state
    /// starts. The exponential average (momentum 0.1) remembers about ten batches; when each training batch comes from
    /// one camera, that is a handful of cameras. <paramref name="batch"/> makes batch k; each is disposed after use.
    /// </remarks>
    public void EstimateStatistics(int count, Func<int, Tensor> batch)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentNullException.ThrowIfNull(batch);
        var wasTraining = training;
        var units = Units;
        var momentum = units.Select(u => u.Norm.momentum).ToList();
        using (no_grad())
        {
            train();
            for (var k = 0; k < count; k++)
            {
                foreach (var unit in units)
                {
                    unit.Norm.momentum = 1.0 / (k + 1);
                }

                using var input = batch(k);
                using var _ = forward(input);
            }
        }

        foreach (var (unit, m) in units.Zip(momentum))
        {
            unit.Norm.momentum = m;
        }

        train(wasTraining);
    }

    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        var x = (input - _mean) / PixelNormalisation.Divisor;
        x = nn.functional.max_pool2d(Stem.forward(x), 3, 2, 1);
        foreach (var block in Blocks)
        {
            x = block.forward(x);
        }

        return Projection.forward(x.mean([2, 3])).MoveToOuterDisposeScope();
    }
}
