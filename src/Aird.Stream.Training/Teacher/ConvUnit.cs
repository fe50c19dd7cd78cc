using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Aird.Stream.Training.Teacher;

/// <summary>face-api's conv layer: convolution with bias, per-channel scale and shift, optional ReLU.</summary>
internal sealed class ConvUnit : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly ChannelAffine scale;
    private readonly bool relu;

    /// <param name="padding">1 reproduces TF.js 'same' for 3x3 stride 1; 0 is 'valid'.</param>
    public ConvUnit(string name, int inChannels, int outChannels, int kernel, int stride, int padding, bool relu)
        : base(name)
    {
        conv = nn.Conv2d(inChannels, outChannels, kernel, stride: stride, padding: padding, bias: true);
        scale = new ChannelAffine("scale", outChannels);
        this.relu = relu;
        RegisterComponents();
    }

    /// <summary>The filters [out, in, kh, kw], the conv bias and the per-channel scale and shift, for initialising a student.</summary>
    public (Tensor Filters, Tensor ConvBias, Tensor Scale, Tensor Shift) Weights =>
        (conv.weight!, conv.bias!, scale.Weight, scale.Bias);

    public override Tensor forward(Tensor input)
    {
        using var convolved = conv.forward(input);
        var scaled = scale.forward(convolved);
        return relu ? nn.functional.relu(scaled) : scaled;
    }

    /// <summary>Copies face-api's tensors: filters [kh, kw, in, out] become PyTorch's [out, in, kh, kw].</summary>
    public void Load(Func<string, Tensor> tensor, string prefix)
    {
        using var _ = no_grad();
        using var filters = tensor($"{prefix}/conv/filters");
        conv.weight!.copy_(filters.permute(3, 2, 0, 1));
        conv.bias!.copy_(tensor($"{prefix}/conv/bias"));
        scale.Load(tensor($"{prefix}/scale/weights"), tensor($"{prefix}/scale/biases"));
    }
}
