using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Aird.Stream.Training.Student;

/// <summary>Convolution without bias, BatchNorm, optional ReLU: the unit every FaceBN layer of the student sits in.</summary>
internal sealed class ConvBatchNorm : nn.Module<Tensor, Tensor>
{
    public const double Epsilon = 1e-5;

    private (Tensor Scale, Tensor Shift)? _calibrationTarget;

    public ConvBatchNorm(string name, int inChannels, int outChannels, int kernel, int stride, bool relu)
        : base(name)
    {
        Conv = nn.Conv2d(inChannels, outChannels, kernel, stride: stride, padding: kernel / 2, bias: false);
        Norm = nn.BatchNorm2d(outChannels, eps: Epsilon);
        Relu = relu;
        RegisterComponents();
    }

    public Conv2d Conv { get; }

    public BatchNorm2d Norm { get; }

    public int Stride => (int)Conv.stride[0];

    public int Padding => (int)Conv.kernel_size[0] / 2;

    public bool Relu { get; }

    public override Tensor forward(Tensor input)
    {
        using var convolved = Conv.forward(input);
        if (_calibrationTarget is { } target)
        {
            Calibrate(convolved, target.Scale, target.Shift);
            _calibrationTarget = null;
        }

        var normalised = Norm.forward(convolved);
        return Relu ? nn.functional.relu(normalised) : normalised;
    }

    /// <summary>
    /// Takes a teacher conv unit's filters; the teacher's per-channel affine y = z * scale + shift (z the biased
    /// convolution) is reproduced by BatchNorm at the next forward pass, whose batch statistics fix gamma and beta.
    /// </summary>
    public void InitialiseFrom(Tensor filters, Tensor convBias, Tensor scale, Tensor shift)
    {
        using var _ = no_grad();
        Conv.weight!.copy_(filters);

        // z + b then * scale + shift  ==  z * scale + (b * scale + shift).
        _calibrationTarget = (scale.clone(), (convBias * scale) + shift);
    }

    // With batch mean m and variance v of z, BatchNorm gives gamma (z - m) / sqrt(v + eps) + beta; choosing
    // gamma = scale sqrt(v + eps) and beta = scale m + shift makes it z * scale + shift on this batch.
    private void Calibrate(Tensor z, Tensor scale, Tensor shift)
    {
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var mean = z.mean([0L, 2L, 3L]);
        var variance = z.var([0L, 2L, 3L], unbiased: false);
        var std = (variance + Epsilon).sqrt();
        Norm.weight!.copy_(scale * std);
        Norm.bias!.copy_((scale * mean) + shift);
        Norm.running_mean!.copy_(mean);
        Norm.running_var!.copy_(variance);
        scale.Dispose();
        shift.Dispose();
    }
}
