namespace Aird.Stream.Training.Distillation;

/// <summary>The terms of the AIRD objective (docs/aird-method.md), each switchable for the ablation.</summary>
public sealed record DistillationOptions
{
    /// <summary>L_IlD: feature alignment plus prediction agreement per face.</summary>
    public bool Instance { get; init; } = true;

    /// <summary>L_RlD: the student's faces arranged as the teacher's, seen from each teacher face.</summary>
    public bool Relation { get; init; } = true;

    /// <summary>a: weight of the prediction (KL) term inside L_IlD.</summary>
    public double PredictionWeight { get; init; } = 1;

    /// <summary>b: weight of L_RlD.</summary>
    public double RelationWeight { get; init; } = 1;

    /// <summary>T: temperature of the prototype classifier.</summary>
    public double Temperature { get; init; } = 4;

    /// <summary>tau: temperature of the relation softmax over the batch.</summary>
    public double RelationTemperature { get; init; } = 0.1;

    /// <summary>
    /// s in p = softmax(s W f / T). Prototype logits are cosines in [-1, 1]: without a scale (as in cosine-softmax
    /// classifiers) a softmax over thousands of identities is almost uniform at any T near 4 and the KL term vanishes.
    /// </summary>
    public double PrototypeScale { get; init; } = 64;
}
