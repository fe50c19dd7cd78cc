namespace Aird.Stream.Models.Runtime;

/// <summary>The ONNX Runtime execution provider a session actually runs on.</summary>
public enum OnnxExecutionProvider
{
    Cpu,
    Cuda,
}
