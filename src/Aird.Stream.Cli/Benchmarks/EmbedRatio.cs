using Aird.Stream.Models.Runtime;

namespace Aird.Stream.Cli.Benchmarks;

/// <summary>Faces per second of <see cref="Model"/> divided by those of <see cref="Baseline"/>, measured in the same run.</summary>
internal sealed record EmbedRatio(string Model, string Baseline, OnnxExecutionProvider Provider, int Batch, double FacesPerSecondRatio)
{
    /// <summary>One ratio per provider and batch size that both models were measured at.</summary>
    public static IReadOnlyList<EmbedRatio> Between(IReadOnlyList<EmbedBenchRow> rows, string baseline, string model) =>
    [
        .. from b in rows.Where(r => r.Model == baseline)
           join m in rows.Where(r => r.Model == model) on (b.Provider, b.Batch) equals (m.Provider, m.Batch)
           select new EmbedRatio(model, baseline, b.Provider, b.Batch, m.FacesPerSecond / b.FacesPerSecond),
    ];
}
