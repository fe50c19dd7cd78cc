using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace Aird.Stream.Models.Onnx;

/// <summary>
/// Writes an ONNX model (one graph, default domain, opset 17) from initializers, nodes, inputs and outputs.
/// Our converters produce every model this way instead of depending on an exporter we cannot run under .NET.
/// </summary>
/// <remarks>
/// Opset 17 pitfalls: ReduceMean/ReduceSum take <c>axes</c> as an attribute (an input from 18 on), while Unsqueeze,
/// Squeeze and Pad take theirs (axes, pads) as int64 tensor inputs: add those with <see cref="AddInt64Initializer"/>.
/// </remarks>
public sealed class OnnxGraphBuilder
{
    public const int OpsetVersion = 17;

    // IR version 8 is the one that introduced opset 17 support; any runtime reading opset 17 accepts it.
    private const long IrVersion = 8;

    private readonly GraphProto _graph;
    private readonly Dictionary<string, string> _metadata = new(StringComparer.Ordinal);
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private int _nodeCount;

    public OnnxGraphBuilder(string graphName)
    {
        ArgumentException.ThrowIfNullOrEmpty(graphName);
        _graph = new GraphProto { Name = graphName };
    }

    /// <summary>Adds a float32 graph input.</summary>
    public void AddInput(string name, params OnnxDimension[] shape)
    {
        Claim(name);
        _graph.Input.Add(FloatValue(name, shape));
    }

    /// <summary>Exposes <paramref name="value"/> as the float32 graph output <paramref name="name"/>.</summary>
    public void AddOutput(string value, string name, params OnnxDimension[] shape)
    {
        Claim(name);

        // An Identity keeps the producing node's generated name free of the public output name.
        _graph.Node.Add(NewNode("Identity", [value], name, []));
        _graph.Output.Add(FloatValue(name, shape));
    }

    /// <summary>Adds a constant float32 tensor (row-major) and returns its name.</summary>
    public string AddInitializer(string name, ReadOnlySpan<float> values, params long[] dims)
    {
        var tensor = NewTensor(name, TensorProto.Types.DataType.Float, values.Length, dims);
        tensor.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values));
        _graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>Adds a constant int64 tensor (shapes, pads, axes) and returns its name.</summary>
    public string AddInt64Initializer(string name, ReadOnlySpan<long> values, params long[] dims)
    {
        var tensor = NewTensor(name, TensorProto.Types.DataType.Int64, values.Length, dims);
        tensor.RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values));
        _graph.Initializer.Add(tensor);
        return name;
    }

    /// <summary>Adds a single-output node of the default domain and returns the name of its output.</summary>
    public string AddNode(string opType, string[] inputs, params OnnxAttr[] attributes)
    {
        ArgumentException.ThrowIfNullOrEmpty(opType);
        ArgumentNullException.ThrowIfNull(inputs);
        var output = $"{opType}_{_nodeCount}";
        Claim(output);
        _graph.Node.Add(NewNode(opType, inputs, output, attributes));
        return output;
    }

    /// <summary>Sets a model-level metadata_props entry (e.g. the SHA-256 of the source weights).</summary>
    public void SetMetadata(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        _metadata[key] = value;
    }

    /// <summary>The serialised ONNX model.</summary>
    public byte[] ToByteArray()
    {
        if (_graph.Output.Count == 0)
        {
            throw new InvalidOperationException($"Graph '{_graph.Name}' has no output.");
        }

        var model = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "Aird.Stream",
            Graph = _graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = OpsetVersion });
        model.MetadataProps.AddRange(
            _metadata.Select(kv => new StringStringEntryProto { Key = kv.Key, Value = kv.Value }));
        return model.ToByteArray();
    }

    private NodeProto NewNode(string opType, string[] inputs, string output, OnnxAttr[] attributes)
    {
        // An empty name is ONNX's way of skipping an optional input.
        var undefined = inputs.FirstOrDefault(i => i.Length > 0 && !_names.Contains(i));
        if (undefined is not null)
        {
            throw new ArgumentException($"Node {opType} reads '{undefined}', which nothing in the graph defines.", nameof(inputs));
        }

        var node = new NodeProto { OpType = opType, Name = output };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        node.Attribute.AddRange(attributes.Select(a => a.Proto));
        _nodeCount++;
        return node;
    }

    private TensorProto NewTensor(string name, TensorProto.Types.DataType type, int count, long[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        if (dims.Aggregate(1L, (product, d) => product * d) != count)
        {
            throw new ArgumentException(
                $"Initializer '{name}' has {count} values but its shape [{string.Join(", ", dims)}] needs another count.",
                nameof(dims));
        }

        Claim(name);
        var tensor = new TensorProto { Name = name, DataType = (int)type };
        tensor.Dims.AddRange(dims);
        return tensor;
    }

    private void Claim(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!_names.Add(name))
        {
            throw new ArgumentException($"The graph already has a value named '{name}'.", nameof(name));
        }
    }

    private static ValueInfoProto FloatValue(string name, OnnxDimension[] shape)
    {
        var tensorShape = new TensorShapeProto();
        tensorShape.Dim.AddRange(shape.Select(d => d.Symbol is null
            ? new TensorShapeProto.Types.Dimension { DimValue = d.Size ?? 0 }
            : new TensorShapeProto.Types.Dimension { DimParam = d.Symbol }));
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto
            {
                TensorType = new TypeProto.Types.Tensor
                {
                    ElemType = (int)TensorProto.Types.DataType.Float,
                    Shape = tensorShape,
                },
            },
        };
    }
}
