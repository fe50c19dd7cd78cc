using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Aird.Stream.Training.Teacher;

/// <summary>
/// face-api's residual layer. The plain block adds its input back. The down block halves the resolution with a
/// stride-2 'valid' convolution; its shortcut is a 2x2 average pool, zero-padded to the new channel count, and the
/// convolution output gets a zero row and column at the bottom and right when the two sizes differ (as in face-api).
/// </summary>
internal sealed class ResidualBlock : nn.Module<Tensor, Tensor>
{
    private readonly ConvUnit conv1;
    private readonly ConvUnit conv2;
    private readonly bool down;
    private readonly int extraChannels;

    public ResidualBlock(string name, int inChannels, int outChannels, bool down)
        : base(name)
    {
        conv1 = new ConvUnit("conv1", inChannels, outChannels, 3, down ? 2 : 1, down ? 0 : 1, relu: true);
        conv2 = new ConvUnit("conv2", outChannels, outChannels, 3, 1, 1, relu: false);
        this.down = down;
        extraChannels = outChannels - inChannels;
        RegisterComponents();
    }

    public ConvUnit First => conv1;

    public ConvUnit Second => conv2;

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var output = conv2.forward(conv1.forward(input));
        var shortcut = input;
        if (down)
        {
            shortcut = nn.functional.avg_pool2d(input, 2, 2);
            if (shortcut.shape[2] != output.shape[2] || shortcut.shape[3] != output.shape[3])
            {
                output = nn.functional.pad(output, [0, 1, 0, 1]);
            }

            if (extraChannels > 0)
            {
                shortcut = nn.functional.pad(shortcut, [0, 0, 0, 0, 0, extraChannels]);
            }
        }

        return nn.functional.relu(output + shortcut).MoveToOuterDisposeScope();
    }

    public void Load(Func<string, Tensor> tensor, string prefix)
    {
        conv1.Load(tensor, $"{prefix}/conv1");
        conv2.Load(tensor, $"{prefix}/conv2");
    }
}
