using Onnx;

namespace Aird.Stream.Models.Onnx;

/// <summary>
/// A node attribute (kernel_shape, strides, pads, axes, ...), kept opaque so that callers never see protobuf.
/// (Named "Attr" because a type ending in "Attribute" reads as a .NET attribute.)
/// </summary>
public sealed class OnnxAttr
{
    // int64 attributes are all the graphs here need; add other kinds when a converter needs them.
    private OnnxAttr(AttributeProto proto) => Proto = proto;

    internal AttributeProto Proto { get; }

    public static OnnxAttr Scalar(string name, long value) =>
        new(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = value });

    public static OnnxAttr List(string name, params long[] values)
    {
        var proto = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        proto.Ints.AddRange(values);
        return new(proto);
    }
}
