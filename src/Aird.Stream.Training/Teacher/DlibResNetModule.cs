using Aird.Stream.Models;
using Aird.Stream.Models.FaceApi;
using Aird.Stream.Models.Teacher;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Aird.Stream.Training.Teacher;

/// <summary>
/// The teacher (face-api's dlib ResNet) as a TorchSharp module with the same weights as the ONNX teacher, for training.
/// Same contract as <see cref="TeacherModel"/>: input NCHW [N, 3, 150, 150] RGB in 0..255, normalised inside;
/// output [N, 128], not L2-normalised.
/// </summary>
public sealed class DlibResNetModule : nn.Module<Tensor, Tensor>
{
    // face-api's layer names, in forward order; "down" blocks halve the resolution.
    internal static readonly (string Name, int In, int Out, bool Down)[] Blocks =
    [
        ("conv32_1", 32, 32, false), ("conv32_2", 32, 32, false), ("conv32_3", 32, 32, false),
        ("conv64_down", 32, 64, true), ("conv64_1", 64, 64, false), ("conv64_2", 64, 64, false), ("conv64_3", 64, 64, false),
        ("conv128_down", 64, 128, true), ("conv128_1", 128, 128, false), ("conv128_2", 128, 128, false),
        ("conv256_down", 128, 256, true), ("conv256_1", 256, 256, false), ("conv256_2", 256, 256, false),
        ("conv256_down_out", 256, 256, true),
    ];

    private readonly ConvUnit stem;
    private readonly ModuleList<ResidualBlock> blocks;
    private readonly Parameter fc;
    private readonly Tensor mean;

    public DlibResNetModule()
        : base("dlib_resnet")
    {
        stem = new ConvUnit("conv32_down", 3, 32, 7, 2, 0, relu: true);
        blocks = nn.ModuleList(Blocks.Select(b => new ResidualBlock(b.Name, b.In, b.Out, b.Down)).ToArray());
        fc = nn.Parameter(zeros(256, TeacherModel.EmbeddingSize));
        mean = tensor(PixelNormalisation.MeanRgb.ToArray()).view(1, 3, 1, 1);
        RegisterComponents();
    }

    internal ConvUnit Stem => stem;

    internal IEnumerable<ResidualBlock> ResidualBlocks => blocks;

    /// <summary>The final projection [256, 128] (x.matmul(fc)).</summary>
    internal Tensor Projection => fc;

    /// <summary>Builds the module with face-api's weights (see <see cref="FaceApiWeights.Load"/>).</summary>
    public static DlibResNetModule FromFaceApi(FaceApiWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var module = new DlibResNetModule();
        using var scope = NewDisposeScope();
        Tensor Tensor(string name)
        {
            var source = weights.Get(name);
            return tensor(source.Values.ToArray(), source.Shape.Select(d => (long)d).ToArray());
        }

        module.stem.Load(Tensor, "conv32_down");
        for (var i = 0; i < Blocks.Length; i++)
        {
            module.blocks[i].Load(Tensor, Blocks[i].Name);
        }

        using (no_grad())
        {
            module.fc.copy_(Tensor("fc"));
        }

        module.eval();
        return module;
    }

    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var scope = NewDisposeScope();
        var x = (input - mean) / PixelNormalisation.Divisor;
        x = nn.functional.max_pool2d(stem.forward(x), 3, 2);
        foreach (var block in blocks)
        {
            x = block.forward(x);
        }

        return x.mean([2, 3]).matmul(fc).MoveToOuterDisposeScope();
    }
}
