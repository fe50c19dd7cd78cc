namespace Aird.Stream.Models.Runtime;

/// <summary>How <see cref="OnnxSessionFactory"/> opens a model.</summary>
public sealed record OnnxRuntimeOptions
{
    public const string SectionName = "OnnxRuntime";

    public ExecutionProviderPreference Provider { get; init; } = ExecutionProviderPreference.Auto;

    /// <summary>Threads one inference may use on the CPU; 0 means all cores of the machine.</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>The GPU the CUDA provider runs on.</summary>
    public int CudaDeviceId { get; init; }
}
