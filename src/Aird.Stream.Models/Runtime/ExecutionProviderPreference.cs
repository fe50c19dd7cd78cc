namespace Aird.Stream.Models.Runtime;

/// <summary>Which ONNX Runtime execution provider a session should run on.</summary>
public enum ExecutionProviderPreference
{
    /// <summary>CUDA when its libraries load, otherwise the CPU (the fallback is logged).</summary>
    Auto,

    /// <summary>The CPU provider only.</summary>
    Cpu,

    /// <summary>The CUDA provider only: creating the session fails when it cannot load.</summary>
    Cuda,
}
