using Microsoft.ML.OnnxRuntime;

namespace Aird.Stream.Models.Runtime;

/// <summary>
/// Embeds face chips with an ONNX embedder (<see cref="EmbedderModelInfo"/>) into L2-normalised vectors, in batches
/// of at most <see cref="MaxBatchSize"/> chips per inference. Thread-safe: every call has its own buffers and ONNX
/// Runtime's Run may be called concurrently. Once constructed it owns the session and disposes it.
/// </summary>
public sealed class FaceEmbedder : IDisposable
{
    private readonly OnnxSession _session;

    /// <exception cref="InvalidDataException">The session's model does not have the layout <paramref name="model"/> describes.</exception>
    public FaceEmbedder(OnnxSession session, EmbedderModelInfo model, int maxBatchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        var actual = EmbedderModelInfo.Describe(model.Name, session.Session);
        if (actual with { Name = model.Name } != model)
        {
            throw new InvalidDataException($"Model '{session.ModelPath}' is {actual}, not the expected {model}.");
        }

        _session = session;
        Model = model;
        MaxBatchSize = maxBatchSize;
    }

    public EmbedderModelInfo Model { get; }

    public int MaxBatchSize { get; }

    public OnnxExecutionProvider Provider => _session.Provider;

    /// <summary>One L2-normalised embedding per chip, in order.</summary>
    /// <param name="rgbChips">Chips of <see cref="EmbedderModelInfo.ChipSize"/> squared pixels, RGB bytes row by row (HWC).</param>
    /// <param name="cancellationToken">Checked between batches.</param>
    /// <exception cref="ArgumentException">A chip does not have ChipSize x ChipSize x 3 bytes.</exception>
    public float[][] Embed(IReadOnlyList<ReadOnlyMemory<byte>> rgbChips, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rgbChips);
        var chipBytes = Model.ChipSize * Model.ChipSize * 3;
        for (var i = 0; i < rgbChips.Count; i++)
        {
            if (rgbChips[i].Length != chipBytes)
            {
                throw new ArgumentException(
                    $"Chip {i} has {rgbChips[i].Length} bytes; model '{Model.Name}' takes {Model.ChipSize}x{Model.ChipSize} RGB chips of {chipBytes} bytes.",
                    nameof(rgbChips));
            }
        }

        var embeddings = new float[rgbChips.Count][];
        using var runOptions = new RunOptions();
        for (var start = 0; start < rgbChips.Count; start += MaxBatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(MaxBatchSize, rgbChips.Count - start);
            var input = ChipTensors.ToNchw(rgbChips.Skip(start).Take(count).ToList(), Model.ChipSize);
            using var inputValue = OrtValue.CreateTensorValueFromMemory(input, [count, 3, Model.ChipSize, Model.ChipSize]);
            using var outputs = _session.Session.Run(runOptions, [Model.InputName], [inputValue], [Model.OutputName]);
            var output = outputs[0].GetTensorDataAsSpan<float>();
            for (var n = 0; n < count; n++)
            {
                embeddings[start + n] = EmbeddingVectors.Normalised(output.Slice(n * Model.EmbeddingSize, Model.EmbeddingSize));
            }
        }

        return embeddings;
    }

    public void Dispose() => _session.Dispose();
}
