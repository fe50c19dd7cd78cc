namespace Aird.Stream.Models.Onnx;

/// <summary>A dimension of a graph input or output: a fixed size or a symbolic name such as the batch "N".</summary>
public readonly record struct OnnxDimension
{
    private OnnxDimension(long? size, string? symbol)
    {
        Size = size;
        Symbol = symbol;
    }

    public long? Size { get; }

    public string? Symbol { get; }

    public static OnnxDimension FromInt64(long size) =>
        size >= 0 ? new(size, null) : throw new ArgumentOutOfRangeException(nameof(size), size, "A dimension is >= 0.");

    public static OnnxDimension FromString(string symbol)
    {
        ArgumentException.ThrowIfNullOrEmpty(symbol);
        return new(null, symbol);
    }

    public static implicit operator OnnxDimension(long size) => FromInt64(size);

    public static implicit operator OnnxDimension(string symbol) => FromString(symbol);
}
