using Microsoft.ML.OnnxRuntime;

namespace Aird.Stream.Models.Runtime;

/// <summary>An ONNX Runtime session together with the provider it actually runs on. Owns the session.</summary>
public sealed class OnnxSession : IDisposable
{
    internal OnnxSession(InferenceSession session, OnnxExecutionProvider provider, string modelPath)
    {
        Session = session;
        Provider = provider;
        ModelPath = modelPath;
    }

    /// <summary>The session; <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string})"/>
    /// may be called from several threads at once.</summary>
    public InferenceSession Session { get; }

    public OnnxExecutionProvider Provider { get; }

    public string ModelPath { get; }

    public void Dispose() => Session.Dispose();
}
