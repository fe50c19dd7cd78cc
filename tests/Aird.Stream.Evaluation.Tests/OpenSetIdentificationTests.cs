using Aird.Stream.Evaluation.Metrics;

namespace Aird.Stream.Evaluation.Tests;

public class OpenSetIdentificationTests
{
    [Fact]
    public void Rank1_and_fnir_at_fpir_follow_their_definitions()
    {
        // Ten non-mated probes with top scores 0.0 .. 0.9; four mated probes, one of them matched to the wrong person.
        var probes = Enumerable.Range(0, 10).Select(i => new OpenSetProbe(false, false, i / 10.0))
            .Concat(
            [
                new OpenSetProbe(true, true, 0.95),
                new OpenSetProbe(true, true, 0.85),
                new OpenSetProbe(true, true, 0.5),
                new OpenSetProbe(true, false, 0.99),
            ])
            .ToList();

        var result = OpenSetIdentification.Evaluate(probes);

        Assert.Equal(0.75, result.Rank1);
        // FPIR 10%: one non-mated probe (0.9) may pass, threshold 0.8: 0.95 and 0.85 are hits, 0.5 and the wrong one miss.
        Assert.Equal(0.5, result.FnirAtFpir1e1);
        Assert.Equal(0.8, result.ThresholdAtFpir1e1, 12);
        // FPIR 1%: none may pass, threshold 0.9: only 0.95 is a hit.
        Assert.Equal(0.75, result.FnirAtFpir1e2);
        Assert.Equal(0.9, result.ThresholdAtFpir1e2, 12);
    }

    [Fact]
    public void Without_non_mated_probes_the_rates_are_undefined() =>
        Assert.Throws<ArgumentException>(() => OpenSetIdentification.Evaluate([new OpenSetProbe(true, true, 0.9)]));
}
