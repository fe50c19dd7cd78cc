using static TorchSharp.torch;

namespace Aird.Stream.Training.Distillation;

/// <summary>
/// L = L_IlD + b L_RlD of docs/aird-method.md on one batch. Student and teacher embeddings are L2-normalised rows;
/// the prototypes are the L2-normalised mean teacher embeddings of the training identities.
/// </summary>
public sealed class DistillationLoss(DistillationOptions options, Tensor prototypes)
{
    /// <param name="student">[B, D] L2-normalised student embeddings (with gradient).</param>
    /// <param name="teacher">[B, D] L2-normalised teacher embeddings of the same faces at high resolution.</param>
    public DistillationTerms Compute(Tensor student, Tensor teacher)
    {
        ArgumentNullException.ThrowIfNull(student);
        ArgumentNullException.ThrowIfNull(teacher);
        if (!options.Instance && !options.Relation)
        {
            throw new InvalidOperationException("At least one of L_IlD and L_RlD must be on.");
        }

        using var scope = NewDisposeScope();
        Tensor? total = null;
        double feature = 0, prediction = 0, relation = 0;
        if (options.Instance)
        {
            total = FeatureAlignment(student, teacher);
            feature = total.item<float>();

            // With a = 0 the prototype KL (a B x K product per step) would be computed only to be multiplied away.
            if (options.PredictionWeight != 0)
            {
                var predictionTerm = PredictionAgreement(student, teacher, prototypes, options.PrototypeScale, options.Temperature);
                prediction = predictionTerm.item<float>();
                total += options.PredictionWeight * predictionTerm;
            }
        }

        if (options.Relation)
        {
            var relationTerm = Relation(student, teacher, options.RelationTemperature);
            relation = relationTerm.item<float>();
            var weighted = options.RelationWeight * relationTerm;
            total = total is null ? weighted : total + weighted;
        }

        return new DistillationTerms(total!.MoveToOuterDisposeScope(), feature, prediction, relation);
    }

    /// <summary>(1/B) sum_i (1 - cos(f_s,i, f_t,i)).</summary>
    public static Tensor FeatureAlignment(Tensor student, Tensor teacher) =>
        (1 - (student * teacher).sum(1)).mean();

    /// <summary>(1/B) sum_i T^2 KL(softmax(s W f_t,i / T) || softmax(s W f_s,i / T)).</summary>
    public static Tensor PredictionAgreement(Tensor student, Tensor teacher, Tensor prototypes, double scale, double temperature)
    {
        ArgumentNullException.ThrowIfNull(prototypes);
        var factor = scale / temperature;
        return temperature * temperature * RowKl(teacher.mm(prototypes.t()) * factor, student.mm(prototypes.t()) * factor);
    }

    /// <summary>(1/B) sum_i KL(softmax_j(cos(f_t,i, f_t,j) / tau) || softmax_j(cos(f_t,i, f_s,j) / tau)).</summary>
    public static Tensor Relation(Tensor student, Tensor teacher, double temperature)
    {
        ArgumentNullException.ThrowIfNull(teacher);
        return RowKl(teacher.mm(teacher.t()) / temperature, teacher.mm(student.t()) / temperature);
    }

    // Mean over rows of KL(softmax(target) || softmax(input)).
    private static Tensor RowKl(Tensor targetLogits, Tensor inputLogits)
    {
        var targetLog = nn.functional.log_softmax(targetLogits, 1);
        var inputLog = nn.functional.log_softmax(inputLogits, 1);
        return (targetLog.exp() * (targetLog - inputLog)).sum(1).mean();
    }
}
