using Microsoft.ML.OnnxRuntime;

namespace Aird.Stream.Models.Tests;

/// <summary>Runs a single-input, single-output float model with ONNX Runtime's CPU provider.</summary>
internal static class OnnxRun
{
    public static float[] Once(InferenceSession session, string input, float[] data, long[] shape, string output)
    {
        using var value = OrtValue.CreateTensorValueFromMemory(data, shape);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, [input], [value], [output]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
