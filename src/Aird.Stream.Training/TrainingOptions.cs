using Aird.Stream.Training.Data;
using Aird.Stream.Training.Distillation;

namespace Aird.Stream.Training;

/// <summary>Everything that decides a training run; written next to its checkpoints so that --resume continues the same run.</summary>
public sealed record TrainingOptions
{
    public int Epochs { get; init; } = 12;

    public int BatchSize { get; init; } = 64;

    /// <summary>Peak AdamW learning rate, reached after warm-up and decayed by a cosine to 1% of it.</summary>
    public double LearningRate { get; init; } = 1e-3;

    public double WeightDecay { get; init; } = 5e-4;

    public int WarmupSteps { get; init; } = 200;

    public int Seed { get; init; } = 1;

    /// <summary>Compute threads for TorchSharp; data loading runs beside them.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Steps between log lines (running means of the losses).</summary>
    public int LogEverySteps { get; init; } = 20;

    public DistillationOptions Losses { get; init; } = new();

    public DegradationOptions Degradation { get; init; } = new();

    /// <summary>Jittered re-alignments of each training chip (drawn with <see cref="Seed"/> when the set is built).</summary>
    public ChipJitterOptions Jitter { get; init; } = new();
}
