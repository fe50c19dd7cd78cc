namespace Aird.Stream.Evaluation.Metrics;

/// <summary>
/// Verification metrics of docs/evaluation.md from pair similarity scores (higher = more alike): accuracy with the
/// threshold chosen by 10-fold cross-validation, ROC AUC, TAR at fixed FAR.
/// </summary>
public static class Verification
{
    public const int Folds = 10;

    public static VerificationResult Evaluate(IReadOnlyList<double> scores, IReadOnlyList<bool> same)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(same);
        if (scores.Count != same.Count || !same.Contains(true) || !same.Contains(false))
        {
            throw new ArgumentException("need one score per pair, and both same- and different-identity pairs");
        }

        var folds = AssignFolds(same);
        var accuracies = Enumerable.Range(0, Folds)
            .Select(fold => FoldAccuracy(scores, same, folds, fold))
            .Where(accuracy => accuracy is not null)
            .Select(accuracy => accuracy!.Value)
            .ToList();
        var mean = accuracies.Average();
        var std = Math.Sqrt(accuracies.Sum(a => (a - mean) * (a - mean)) / accuracies.Count);

        var positives = scores.Where((_, i) => same[i]).ToArray();
        var negatives = scores.Where((_, i) => !same[i]).ToArray();
        return new VerificationResult(
            scores.Count,
            mean,
            std,
            Auc(positives, negatives),
            AcceptRateAtFalseAcceptRate(positives, negatives, 1e-2),
            AcceptRateAtFalseAcceptRate(positives, negatives, 1e-3),
            Roc(positives, negatives));
    }

    /// <summary>
    /// Stratified, order-preserving folds: the k-th tenth of the same-identity pairs and the k-th tenth of the
    /// different-identity pairs form fold k. On View 2's pairs.txt this reproduces its official folds.
    /// </summary>
    internal static int[] AssignFolds(IReadOnlyList<bool> same)
    {
        var positiveCount = same.Count(s => s);
        var negativeCount = same.Count - positiveCount;
        int seenPositive = 0, seenNegative = 0;
        return same
            .Select(s => s ? seenPositive++ * Folds / positiveCount : seenNegative++ * Folds / negativeCount)
            .ToArray();
    }

    /// <summary>The threshold that maximises accuracy on the scores given (midpoints between neighbouring scores).</summary>
    internal static double BestThreshold(IReadOnlyList<double> scores, IReadOnlyList<bool> same)
    {
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();

        // Threshold below every score: everything accepted, so the correct ones are the positives.
        var correct = same.Count(s => s);
        var best = correct;
        var bestThreshold = scores[order[0]] - 1e-6;
        for (var k = 0; k < order.Length; k++)
        {
            // Moving the threshold above scores[order[k]] rejects that pair.
            correct += same[order[k]] ? -1 : 1;
            var tied = k + 1 < order.Length && scores[order[k + 1]] == scores[order[k]];
            if (!tied && correct > best)
            {
                best = correct;
                bestThreshold = k + 1 < order.Length ? (scores[order[k]] + scores[order[k + 1]]) / 2 : scores[order[k]] + 1e-6;
            }
        }

        return bestThreshold;
    }

    internal static double Auc(double[] positives, double[] negatives)
    {
        // Mann-Whitney U with ties counted half: the probability that a same-identity pair scores above a different one.
        var sortedNegatives = negatives.Order().ToArray();
        double wins = 0;
        foreach (var p in positives)
        {
            var below = LowerBound(sortedNegatives, p);
            var notAbove = UpperBound(sortedNegatives, p);
            wins += below + ((notAbove - below) / 2.0);
        }

        return wins / ((double)positives.Length * negatives.Length);
    }

    /// <summary>
    /// TAR at the lowest threshold whose false accept rate does not exceed <paramref name="far"/>; a pair is accepted
    /// when its score is strictly above the threshold.
    /// </summary>
    internal static double AcceptRateAtFalseAcceptRate(double[] positives, double[] negatives, double far)
    {
        var descending = negatives.OrderDescending().ToArray();
        var allowed = (int)Math.Floor(far * descending.Length);
        var threshold = descending[Math.Min(allowed, descending.Length - 1)];
        return positives.Count(p => p > threshold) / (double)positives.Length;
    }

    private static double? FoldAccuracy(IReadOnlyList<double> scores, IReadOnlyList<bool> same, int[] folds, int fold)
    {
        var train = Enumerable.Range(0, scores.Count).Where(i => folds[i] != fold).ToArray();
        var test = Enumerable.Range(0, scores.Count).Where(i => folds[i] == fold).ToArray();
        if (test.Length == 0)
        {
            return null;
        }

        var threshold = BestThreshold(train.Select(i => scores[i]).ToArray(), train.Select(i => same[i]).ToArray());
        return test.Count(i => scores[i] > threshold == same[i]) / (double)test.Length;
    }

    private static List<CurvePoint> Roc(double[] positives, double[] negatives)
    {
        // One point per distinct score: (FAR, TAR) when accepting everything strictly above it.
        return positives.Concat(negatives).Distinct().OrderDescending()
            .Select(t => new CurvePoint(
                t,
                negatives.Count(n => n > t) / (double)negatives.Length,
                positives.Count(p => p > t) / (double)positives.Length))
            .ToList();
    }

    private static int LowerBound(double[] sorted, double value)
    {
        var index = Array.BinarySearch(sorted, value);
        if (index < 0)
        {
            return ~index;
        }

        while (index > 0 && sorted[index - 1] == value)
        {
            index--;
        }

        return index;
    }

    private static int UpperBound(double[] sorted, double value)
    {
        var index = LowerBound(sorted, value);
        while (index < sorted.Length && sorted[index] == value)
        {
            index++;
        }

        return index;
    }
}
