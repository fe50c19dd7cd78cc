namespace Aird.Stream.Models.FaceApi;

/// <summary>One named tensor of a face-api (TF.js) weights file, dequantised to float32, in TF.js layout.</summary>
public sealed class FaceApiTensor
{
    internal FaceApiTensor(string name, int[] shape, float[] values)
    {
        Name = name;
        Shape = shape;
        Values = values;
    }

    public string Name { get; }

    /// <summary>TF.js dimension order: conv filters are [kh, kw, in, out], fully connected weights [in, out].</summary>
    public IReadOnlyList<int> Shape { get; }

    /// <summary>Row-major values; read-only because the same tensors feed every model built from one load.</summary>
    public ReadOnlyMemory<float> Values { get; }
}
