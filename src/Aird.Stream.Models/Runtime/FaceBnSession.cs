using Aird.Stream.Models.Student;
using Aird.Stream.Recognition.FaceBn;
using Microsoft.ML.OnnxRuntime;

namespace Aird.Stream.Models.Runtime;

/// <summary>
/// Runs the FaceBN graph of the student (<see cref="StudentModel"/>): chips plus per-sample <c>bn{l}.scale/shift</c>
/// in, embeddings plus per-sample moments out. Thread-safe like <see cref="FaceEmbedder"/>; owns the session.
/// </summary>
public sealed class FaceBnSession : IDisposable
{
    private readonly OnnxSession _session;
    private readonly string[] _outputNames;

    /// <exception cref="InvalidDataException">The model is not a FaceBN student graph.</exception>
    public FaceBnSession(OnnxSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var metadata = session.Session.ModelMetadata.CustomMetadataMap;
        if (!metadata.TryGetValue(StudentModel.BatchNormMetadataKey, out var layersJson)
            || !metadata.TryGetValue(StudentModel.VersionMetadataKey, out var version))
        {
            throw new InvalidDataException(
                $"'{session.ModelPath}' is not a FaceBN student graph: its metadata lacks '{StudentModel.BatchNormMetadataKey}' and '{StudentModel.VersionMetadataKey}'.");
        }

        Layers = StudentBatchNorm.FromJson(layersJson);
        for (var l = 0; l < Layers.Count; l++)
        {
            foreach (var input in new[] { StudentModel.ScaleInput(l), StudentModel.ShiftInput(l) })
            {
                if (!session.Session.InputMetadata.TryGetValue(input, out var meta) || meta.Dimensions[^1] != Layers[l].Channels)
                {
                    throw new InvalidDataException($"'{session.ModelPath}' lacks the input '{input}' [N, {Layers[l].Channels}] its metadata promises.");
                }
            }
        }

        var image = session.Session.InputMetadata[StudentModel.InputName].Dimensions;
        ChipSize = image[^1];
        _session = session;
        Version = version;
        Model = new FaceBnModel(version, [.. Layers.Select(l => new BnLayerStatistics(l.Gamma, l.Beta, l.Mean, l.Variance, l.Epsilon))]);
        _outputNames = [StudentModel.OutputName, .. Enumerable.Range(0, Layers.Count).SelectMany(l => new[] { StudentModel.MeanOutput(l), StudentModel.SquareMeanOutput(l) })];
    }

    /// <summary>The trained BatchNorm layers, in <c>bn{l}</c> order.</summary>
    public IReadOnlyList<StudentBatchNorm> Layers { get; }

    /// <summary>The layers as the FaceBN runtime describes a model: what a camera's <see cref="FaceBnState"/> belongs to.</summary>
    public FaceBnModel Model { get; }

    /// <summary>The weights' version: a camera's FaceBN state is only valid for this one.</summary>
    public string Version { get; }

    public int ChipSize { get; }

    public OnnxExecutionProvider Provider => _session.Provider;

    /// <param name="rgbChips">ChipSize x ChipSize RGB chips (HWC bytes).</param>
    /// <param name="scales">Per layer l, [N, C_l] row-major.</param>
    /// <param name="shifts">Per layer l, [N, C_l] row-major.</param>
    public FaceBnOutput Run(IReadOnlyList<ReadOnlyMemory<byte>> rgbChips, IReadOnlyList<float[]> scales, IReadOnlyList<float[]> shifts)
    {
        ArgumentNullException.ThrowIfNull(rgbChips);
        ArgumentNullException.ThrowIfNull(scales);
        ArgumentNullException.ThrowIfNull(shifts);
        var n = rgbChips.Count;
        if (scales.Count != Layers.Count || shifts.Count != Layers.Count
            || Enumerable.Range(0, Layers.Count).Any(l => scales[l].Length != n * Layers[l].Channels || shifts[l].Length != n * Layers[l].Channels))
        {
            throw new ArgumentException($"Scales and shifts must be given for all {Layers.Count} layers as [{n}, C_l] arrays.", nameof(scales));
        }

        var names = new List<string>(1 + (2 * Layers.Count)) { StudentModel.InputName };
        var values = new List<OrtValue>(names.Capacity)
        {
            OrtValue.CreateTensorValueFromMemory(ChipTensors.ToNchw(rgbChips, ChipSize), [n, 3, ChipSize, ChipSize]),
        };
        try
        {
            for (var l = 0; l < Layers.Count; l++)
            {
                names.Add(StudentModel.ScaleInput(l));
                values.Add(OrtValue.CreateTensorValueFromMemory(scales[l], [n, Layers[l].Channels]));
                names.Add(StudentModel.ShiftInput(l));
                values.Add(OrtValue.CreateTensorValueFromMemory(shifts[l], [n, Layers[l].Channels]));
            }

            using var runOptions = new RunOptions();
            using var outputs = _session.Session.Run(runOptions, names, values, _outputNames);
            var raw = outputs[0].GetTensorDataAsSpan<float>();
            var dimension = raw.Length / n;
            var embeddings = new float[n][];
            for (var i = 0; i < n; i++)
            {
                embeddings[i] = EmbeddingVectors.Normalised(raw.Slice(i * dimension, dimension));
            }

            var means = Enumerable.Range(0, Layers.Count).Select(l => outputs[1 + (2 * l)].GetTensorDataAsSpan<float>().ToArray()).ToList();
            var squares = Enumerable.Range(0, Layers.Count).Select(l => outputs[2 + (2 * l)].GetTensorDataAsSpan<float>().ToArray()).ToList();
            return new FaceBnOutput(embeddings, means, squares);
        }
        finally
        {
            values.ForEach(v => v.Dispose());
        }
    }

    public void Dispose() => _session.Dispose();
}
