using Aird.Stream.Evaluation.Metrics;

namespace Aird.Stream.Evaluation.Tests;

public class VerificationTests
{
    [Fact]
    public void Folds_follow_the_official_View2_layout_of_300_same_then_300_different_pairs_per_fold()
    {
        var same = Enumerable.Range(0, 6000).Select(i => i % 600 < 300).ToArray();

        var folds = Verification.AssignFolds(same);

        Assert.Equal(Enumerable.Range(0, 6000).Select(i => i / 600), folds);
    }

    [Fact]
    public void Separable_scores_give_perfect_figures()
    {
        var scores = Enumerable.Range(0, 200).Select(i => i < 100 ? 0.6 + (i * 0.001) : 0.1 + (i * 0.001)).ToArray();
        var same = Enumerable.Range(0, 200).Select(i => i < 100).ToArray();

        var result = Verification.Evaluate(scores, same);

        Assert.Equal(1.0, result.Accuracy);
        Assert.Equal(0.0, result.AccuracyStd);
        Assert.Equal(1.0, result.Auc);
        Assert.Equal(1.0, result.TarAtFar1e3);
    }

    [Fact]
    public void The_best_threshold_sits_between_the_classes_and_ignores_ties_inside_a_class()
    {
        double[] scores = [0.1, 0.2, 0.2, 0.3, 0.7, 0.8, 0.8];
        bool[] same = [false, false, false, false, true, true, true];

        Assert.Equal(0.5, Verification.BestThreshold(scores, same), 9);
    }

    [Fact]
    public void Auc_counts_ties_as_half()
    {
        // Pairs (p, n): (0.5, 0.5) tie = 0.5, (0.5, 0.2) = 1, (0.9, 0.5) = 1, (0.9, 0.2) = 1 -> 3.5 / 4.
        Assert.Equal(0.875, Verification.Auc([0.5, 0.9], [0.5, 0.2]));
    }

    [Fact]
    public void Tar_at_far_uses_the_lowest_threshold_that_keeps_false_accepts_within_the_rate()
    {
        var negatives = Enumerable.Range(0, 100).Select(i => i / 100.0).ToArray();
        double[] positives = [0.5, 0.975, 0.985, 0.995];

        // 1% of 100 negatives: one (0.99) may pass, so the threshold is 0.98.
        Assert.Equal(0.5, Verification.AcceptRateAtFalseAcceptRate(positives, negatives, 1e-2));
        // 0.1%: none may pass, so the threshold is 0.99.
        Assert.Equal(0.25, Verification.AcceptRateAtFalseAcceptRate(positives, negatives, 1e-3));
    }

    [Fact]
    public void Overlapping_scores_give_the_cross_validated_accuracy()
    {
        // Every tenth different-identity pair scores like a same-identity pair: 95% is the best any threshold can do.
        var same = Enumerable.Range(0, 400).Select(i => i < 200).ToArray();
        var scores = Enumerable.Range(0, 400).Select(i => same[i] || i % 10 == 0 ? 0.8 + (i * 1e-4) : 0.2 + (i * 1e-4)).ToArray();

        var result = Verification.Evaluate(scores, same);

        Assert.Equal(0.95, result.Accuracy, 9);
        Assert.Equal(0.9, result.Auc, 2);
    }

    [Fact]
    public void Scores_without_both_classes_are_refused() =>
        Assert.Throws<ArgumentException>(() => Verification.Evaluate([0.1, 0.2], [true, true]));
}
