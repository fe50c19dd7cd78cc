namespace Aird.Stream.Models.Runtime;

/// <summary>
/// The provider choice without ONNX Runtime in it: which providers to try, in which order, and what a failure to
/// load one means. Kept apart from <see cref="OnnxSessionFactory"/> so that the fallback rules are tested on any
/// machine, with or without a GPU.
/// </summary>
internal static class ProviderSelection
{
    public static IReadOnlyList<OnnxExecutionProvider> Candidates(ExecutionProviderPreference preference) => preference switch
    {
        ExecutionProviderPreference.Cpu => [OnnxExecutionProvider.Cpu],
        ExecutionProviderPreference.Cuda => [OnnxExecutionProvider.Cuda],
        ExecutionProviderPreference.Auto => [OnnxExecutionProvider.Cuda, OnnxExecutionProvider.Cpu],
        _ => throw new ArgumentOutOfRangeException(nameof(preference), preference, "Unknown execution provider preference."),
    };

    /// <summary>
    /// Calls <paramref name="create"/> for each candidate provider until one succeeds. A provider that fails while
    /// another remains is reported to <paramref name="fallingBack"/>; when the last one fails, an explicitly chosen
    /// CUDA provider becomes an <see cref="ExecutionProviderUnavailableException"/> and anything else is rethrown.
    /// </summary>
    public static (T Result, OnnxExecutionProvider Provider) Select<T>(
        ExecutionProviderPreference preference,
        Func<OnnxExecutionProvider, T> create,
        Action<OnnxExecutionProvider, Exception> fallingBack)
    {
        var candidates = Candidates(preference);
        for (var i = 0; ; i++)
        {
            var provider = candidates[i];
            var isLast = i == candidates.Count - 1;
            try
            {
                return (create(provider), provider);
            }
#pragma warning disable CA1031 // Missing CUDA/cuDNN libraries surface as many exception types; all mean "not here".
            catch (Exception e) when (!isLast)
#pragma warning restore CA1031
            {
                fallingBack(provider, e);
            }
            catch (Exception e) when (provider == OnnxExecutionProvider.Cuda && preference == ExecutionProviderPreference.Cuda)
            {
                throw new ExecutionProviderUnavailableException(
                    $"The CUDA execution provider was requested but cannot run here: {e.Message}", e);
            }
        }
    }
}
