using Aird.Stream.Models.FaceApi;
using Aird.Stream.Models.Onnx;

namespace Aird.Stream.Models.Teacher;

/// <summary>
/// Writes face-api's dlib ResNet face recogniser as an ONNX graph, op for op as face-api's own TF.js code
/// (src/faceRecognitionNet/*.ts) computes it, only in NCHW: TF.js runs NHWC, ONNX convolutions are NCHW.
/// </summary>
internal static class DlibResNetOnnxExporter
{
    public static byte[] Export(FaceApiWeights weights, IEnumerable<KeyValuePair<string, string>> metadata)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(metadata);
        var graph = new OnnxGraphBuilder("dlib_resnet_teacher");
        foreach (var (key, value) in metadata)
        {
            graph.SetMetadata(key, value);
        }

        graph.AddInput(TeacherModel.InputName, "N", 3, TeacherModel.InputSize, TeacherModel.InputSize);
        var normalised = PixelNormalisation.AddTo(graph, TeacherModel.InputName);

        var net = new Writer(graph, weights);
        var x = new Activation(normalised, 3, TeacherModel.InputSize);
        x = net.Conv(x, "conv32_down", stride: 2, padding: Padding.Valid, relu: true);
        x = net.MaxPool(x, kernel: 3, stride: 2);
        x = net.Residual(x, "conv32_1");
        x = net.Residual(x, "conv32_2");
        x = net.Residual(x, "conv32_3");
        x = net.ResidualDown(x, "conv64_down");
        x = net.Residual(x, "conv64_1");
        x = net.Residual(x, "conv64_2");
        x = net.Residual(x, "conv64_3");
        x = net.ResidualDown(x, "conv128_down");
        x = net.Residual(x, "conv128_1");
        x = net.Residual(x, "conv128_2");
        x = net.ResidualDown(x, "conv256_down");
        x = net.Residual(x, "conv256_1");
        x = net.Residual(x, "conv256_2");
        x = net.ResidualDown(x, "conv256_down_out");

        // out.mean([1, 2]) then matMul(fc): no bias, no normalisation of the descriptor.
        var pooled = graph.AddNode("ReduceMean", [x.Value], OnnxAttr.List("axes", 2, 3), OnnxAttr.Scalar("keepdims", 0));
        var fc = weights.Get("fc");
        var embedding = graph.AddNode("MatMul", [pooled, graph.AddInitializer(fc.Name, fc.Values.Span, fc.Shape[0], fc.Shape[1])]);
        graph.AddOutput(embedding, TeacherModel.OutputName, "N", TeacherModel.EmbeddingSize);
        return graph.ToByteArray();
    }

    private enum Padding
    {
        Valid,
        Same,
    }

    /// <summary>A value of the graph with its (square) NCHW feature map size, tracked to place the zero padding.</summary>
    private readonly record struct Activation(string Value, int Channels, int Size);

    private sealed class Writer(OnnxGraphBuilder graph, FaceApiWeights weights)
    {
        private int _padCount;

        public Activation MaxPool(Activation x, int kernel, int stride) =>
            x with
            {
                Value = graph.AddNode("MaxPool", [x.Value], OnnxAttr.List("kernel_shape", kernel, kernel), OnnxAttr.List("strides", stride, stride)),
                Size = ValidSize(x.Size, kernel, stride),
            };

        public Activation Residual(Activation x, string prefix)
        {
            var y = Conv(x, $"{prefix}/conv1", stride: 1, padding: Padding.Same, relu: true);
            y = Conv(y, $"{prefix}/conv2", stride: 1, padding: Padding.Same, relu: false);
            return y with { Value = graph.AddNode("Relu", [graph.AddNode("Add", [y.Value, x.Value])]) };
        }

        /// <summary>
        /// residualDown: the stride-2 'valid' conv path can come out one row/column smaller than the 2x2 average
        /// pool shortcut; face-api then appends a zero row at the bottom and a zero column at the right of the conv
        /// path, and appends zero channels after the shortcut's channels when the width doubles.
        /// </summary>
        public Activation ResidualDown(Activation x, string prefix)
        {
            var y = Conv(x, $"{prefix}/conv1", stride: 2, padding: Padding.Valid, relu: true);
            y = Conv(y, $"{prefix}/conv2", stride: 1, padding: Padding.Same, relu: false);

            var shortcut = new Activation(
                graph.AddNode("AveragePool", [x.Value], OnnxAttr.List("kernel_shape", 2, 2), OnnxAttr.List("strides", 2, 2)),
                x.Channels,
                ValidSize(x.Size, 2, 2));

            if (y.Size != shortcut.Size)
            {
                var grow = shortcut.Size - y.Size;
                y = y with { Value = ZeroPadEnd(y.Value, [0, 0, grow, grow]), Size = shortcut.Size };
            }

            if (y.Channels != shortcut.Channels)
            {
                shortcut = shortcut with
                {
                    Value = ZeroPadEnd(shortcut.Value, [0, y.Channels - shortcut.Channels, 0, 0]),
                    Channels = y.Channels,
                };
            }

            return y with { Value = graph.AddNode("Relu", [graph.AddNode("Add", [shortcut.Value, y.Value])]) };
        }

        /// <summary>face-api convLayer: conv2d, + bias, * scale weights, + scale biases (a folded BatchNorm), [ReLU].</summary>
        public Activation Conv(Activation x, string prefix, int stride, Padding padding, bool relu)
        {
            var filters = weights.Get($"{prefix}/conv/filters");
            var (kernel, inChannels, outChannels) = (filters.Shape[0], filters.Shape[2], filters.Shape[3]);
            if (filters.Shape[1] != kernel || inChannels != x.Channels)
            {
                throw new InvalidDataException(
                    $"'{filters.Name}' has shape [{string.Join(", ", filters.Shape)}]; expected a square kernel over {x.Channels} channels.");
            }

            var (outSize, before, after) = padding == Padding.Valid
                ? (ValidSize(x.Size, kernel, stride), 0, 0)
                : SamePadding(x.Size, kernel, stride);
            var w = graph.AddInitializer(filters.Name, HwioToOihw(filters), outChannels, inChannels, kernel, kernel);
            var value = graph.AddNode(
                "Conv",
                [x.Value, w],
                OnnxAttr.List("kernel_shape", kernel, kernel),
                OnnxAttr.List("strides", stride, stride),
                OnnxAttr.List("pads", before, before, after, after));
            value = graph.AddNode("Add", [value, ChannelVector($"{prefix}/conv/bias", outChannels)]);
            value = graph.AddNode("Mul", [value, ChannelVector($"{prefix}/scale/weights", outChannels)]);
            value = graph.AddNode("Add", [value, ChannelVector($"{prefix}/scale/biases", outChannels)]);
            if (relu)
            {
                value = graph.AddNode("Relu", [value]);
            }

            return new Activation(value, outChannels, outSize);
        }

        private string ChannelVector(string name, int channels)
        {
            var tensor = weights.Get(name);
            if (tensor.Values.Length != channels)
            {
                throw new InvalidDataException($"'{name}' has {tensor.Values.Length} values; expected {channels}.");
            }

            // [C] broadcasts over TF.js's trailing channel axis; NCHW needs [C, 1, 1].
            return graph.AddInitializer(name, tensor.Values.Span, channels, 1, 1);
        }

        // Pads with zeros after the existing data only, as face-api's concat([x, zeros]) does.
        private string ZeroPadEnd(string value, long[] endPads)
        {
            var pads = graph.AddInt64Initializer($"zero_pad_{_padCount++}", [0, 0, 0, 0, .. endPads], 8);
            return graph.AddNode("Pad", [value, pads]);
        }

        private static int ValidSize(int size, int kernel, int stride) => ((size - kernel) / stride) + 1;

        // TF's 'same': output ceil(size / stride); the odd pixel of padding goes after (bottom/right).
        private static (int OutSize, int Before, int After) SamePadding(int size, int kernel, int stride)
        {
            var outSize = (size + stride - 1) / stride;
            var total = Math.Max(0, ((outSize - 1) * stride) + kernel - size);
            return (outSize, total / 2, total - (total / 2));
        }

        private static float[] HwioToOihw(FaceApiTensor filters)
        {
            var (k, i, o) = (filters.Shape[0], filters.Shape[2], filters.Shape[3]);
            var source = filters.Values.Span;
            var result = new float[source.Length];
            for (var h = 0; h < k; h++)
            {
                for (var w = 0; w < k; w++)
                {
                    for (var c = 0; c < i; c++)
                    {
                        for (var f = 0; f < o; f++)
                        {
                            result[(((f * i) + c) * k + h) * k + w] = source[(((h * k) + w) * i + c) * o + f];
                        }
                    }
                }
            }

            return result;
        }
    }
}
