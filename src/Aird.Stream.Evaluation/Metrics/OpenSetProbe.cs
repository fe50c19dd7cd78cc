namespace Aird.Stream.Evaluation.Metrics;

/// <summary>
/// A probe's best gallery match. <see cref="Mated"/>: the probe's identity is enrolled; <see cref="TopIsCorrect"/>:
/// the best match is that identity (always false for a non-mated probe).
/// </summary>
public readonly record struct OpenSetProbe(bool Mated, bool TopIsCorrect, double TopScore);
