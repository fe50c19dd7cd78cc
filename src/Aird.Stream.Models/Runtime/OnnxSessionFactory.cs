using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace Aird.Stream.Models.Runtime;

/// <summary>
/// Opens any ONNX model on the execution provider that <see cref="OnnxRuntimeOptions.Provider"/> asks for: CUDA
/// when its libraries load (CUDA 13 and cuDNN 9 for Microsoft.ML.OnnxRuntime.Gpu 1.31.0), else the CPU under
/// <see cref="ExecutionProviderPreference.Auto"/>. Logs which provider runs and, after a fallback, why.
/// </summary>
public sealed partial class OnnxSessionFactory(ILogger<OnnxSessionFactory> logger)
{
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="modelPath"/>.</exception>
    /// <exception cref="ExecutionProviderUnavailableException">CUDA was required and cannot load.</exception>
    /// <exception cref="OnnxRuntimeException">The file is not a model ONNX Runtime can run.</exception>
    public OnnxSession Create(string modelPath, OnnxRuntimeOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.IntraOpThreads);
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"The model '{modelPath}' does not exist.", modelPath);
        }

        var threads = options.IntraOpThreads == 0 ? Environment.ProcessorCount : options.IntraOpThreads;
        var (session, provider) = ProviderSelection.Select(
            options.Provider,
            provider => Open(modelPath, provider, threads, options.CudaDeviceId),
            (provider, error) => LogFallingBack(provider, modelPath, error.Message));
        LogRunning(modelPath, provider, options.Provider, threads);
        return new OnnxSession(session, provider, modelPath);
    }

    private static InferenceSession Open(string modelPath, OnnxExecutionProvider provider, int threads, int cudaDeviceId)
    {
        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = threads,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            // ONNX Runtime's own warnings (e.g. unused initializers in the BlazeFace exports) are noise on every
            // load; what matters (provider, fallback) is logged here.
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        if (provider == OnnxExecutionProvider.Cuda)
        {
            sessionOptions.AppendExecutionProvider_CUDA(cudaDeviceId);
        }

        return new InferenceSession(modelPath, sessionOptions);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "The {Provider} execution provider cannot run {ModelPath}, falling back to the next one: {Reason}")]
    private partial void LogFallingBack(OnnxExecutionProvider provider, string modelPath, string reason);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "{ModelPath} runs on the {Provider} execution provider (asked for {Preference}, {Threads} intra-op threads)")]
    private partial void LogRunning(string modelPath, OnnxExecutionProvider provider, ExecutionProviderPreference preference, int threads);
}
