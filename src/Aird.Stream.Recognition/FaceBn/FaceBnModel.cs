namespace Aird.Stream.Recognition.FaceBn;

/// <summary>
/// The BatchNorm layers of one exported FaceBN student, in the order of its <c>bn{l}</c> inputs and outputs.
/// The version names the weights: a camera's statistics are only valid for the model they were estimated on.
/// </summary>
public sealed class FaceBnModel
{
    public FaceBnModel(string version, IReadOnlyList<BnLayerStatistics> layers)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0)
        {
            throw new ArgumentException("A FaceBN model has at least one BatchNorm layer.", nameof(layers));
        }

        if (layers.Any(l => l is null))
        {
            throw new ArgumentException("A layer is null.", nameof(layers));
        }

        Version = version;
        Layers = [.. layers];
    }

    public string Version { get; }

    public IReadOnlyList<BnLayerStatistics> Layers { get; }
}
