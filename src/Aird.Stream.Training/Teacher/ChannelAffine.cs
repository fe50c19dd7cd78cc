using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Aird.Stream.Training.Teacher;

/// <summary>y = x * weight[c] + bias[c]: dlib's folded BatchNorm ("scale" layer of face-api) on NCHW tensors.</summary>
internal sealed class ChannelAffine : nn.Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter bias;

    public ChannelAffine(string name, int channels)
        : base(name)
    {
        weight = nn.Parameter(ones(channels));
        bias = nn.Parameter(zeros(channels));
        RegisterComponents();
    }

    public Tensor Weight => weight;

    public Tensor Bias => bias;

    public void Load(Tensor weights, Tensor biases)
    {
        using var _ = no_grad();
        weight.copy_(weights);
        bias.copy_(biases);
    }

    public override Tensor forward(Tensor input) =>
        (input * weight.view(1, -1, 1, 1)) + bias.view(1, -1, 1, 1);
}
