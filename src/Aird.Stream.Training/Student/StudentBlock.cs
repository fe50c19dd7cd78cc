using static TorchSharp.torch;

namespace Aird.Stream.Training.Student;

/// <summary>
/// A residual block of the student. Like the teacher's, the down block's shortcut is a parameter-free 2x2 average
/// pool zero-padded to the new channel count; unlike the teacher's, convolutions pad to 'same' so that a 64 px input
/// halves cleanly down to 2x2 at 256 channels.
/// </summary>
internal sealed class StudentBlock : nn.Module<Tensor, Tensor>
{
    public StudentBlock(string name, int inChannels, int outChannels, bool down)
        : base(name)
    {
        First = new ConvBatchNorm("conv1", inChannels, outChannels, 3, down ? 2 : 1, relu: true);
        Second = new ConvBatchNorm("conv2", outChannels, outChannels, 3, 1, relu: false);
        Down = down;
        ExtraChannels = outChannels - inChannels;
        RegisterComponents();
    }

    public ConvBatchNorm First { get; }

    public ConvBatchNorm Second { get; }

    public bool Down { get; }

    public int ExtraChannels { get; }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var output = Second.forward(First.forward(input));
        var shortcut = input;
        if (Down)
        {
            shortcut = nn.functional.avg_pool2d(input, 2, 2);
            if (ExtraChannels > 0)
            {
                shortcut = nn.functional.pad(shortcut, [0, 0, 0, 0, 0, ExtraChannels]);
            }
        }

        return nn.functional.relu(output + shortcut).MoveToOuterDisposeScope();
    }
}
