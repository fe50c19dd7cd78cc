using Aird.Stream.Models.Runtime;

namespace Aird.Stream.Models.Tests.Runtime;

public class ProviderSelectionTests
{
    private static readonly InvalidOperationException CudaMissing = new("libcublasLt.so.13: cannot open shared object file");

    [Theory]
    [InlineData(ExecutionProviderPreference.Cpu, new[] { OnnxExecutionProvider.Cpu })]
    [InlineData(ExecutionProviderPreference.Cuda, new[] { OnnxExecutionProvider.Cuda })]
    [InlineData(ExecutionProviderPreference.Auto, new[] { OnnxExecutionProvider.Cuda, OnnxExecutionProvider.Cpu })]
    public void Each_preference_tries_its_providers_in_order(ExecutionProviderPreference preference, OnnxExecutionProvider[] expected)
    {
        Assert.Equal(expected, ProviderSelection.Candidates(preference));
    }

    [Fact]
    public void Auto_takes_cuda_when_it_loads_and_reports_no_fallback()
    {
        var fallbacks = new List<OnnxExecutionProvider>();

        var (result, provider) = ProviderSelection.Select(ExecutionProviderPreference.Auto, p => p.ToString(), (p, _) => fallbacks.Add(p));

        Assert.Equal(("Cuda", OnnxExecutionProvider.Cuda), (result, provider));
        Assert.Empty(fallbacks);
    }

    [Fact]
    public void Auto_falls_back_to_cpu_on_any_exception_and_reports_why()
    {
        var fallbacks = new List<(OnnxExecutionProvider, Exception)>();

        var (result, provider) = ProviderSelection.Select(
            ExecutionProviderPreference.Auto,
            p => p == OnnxExecutionProvider.Cuda ? throw CudaMissing : "cpu session",
            (p, e) => fallbacks.Add((p, e)));

        Assert.Equal(("cpu session", OnnxExecutionProvider.Cpu), (result, provider));
        Assert.Equal([(OnnxExecutionProvider.Cuda, (Exception)CudaMissing)], fallbacks);
    }

    [Fact]
    public void Explicit_cuda_that_cannot_load_fails_clearly_instead_of_running_on_the_cpu()
    {
        var tried = new List<OnnxExecutionProvider>();

        var error = Assert.Throws<ExecutionProviderUnavailableException>(() => ProviderSelection.Select<string>(
            ExecutionProviderPreference.Cuda,
            p =>
            {
                tried.Add(p);
                throw CudaMissing;
            },
            (_, _) => Assert.Fail("no fallback when CUDA is required")));

        Assert.Equal([OnnxExecutionProvider.Cuda], tried);
        Assert.Same(CudaMissing, error.InnerException);
        Assert.Contains("CUDA execution provider was requested", error.Message, StringComparison.Ordinal);
        Assert.Contains(CudaMissing.Message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cpu_failure_is_not_disguised_as_a_provider_problem()
    {
        var broken = new InvalidDataException("not a model");

        var error = Assert.Throws<InvalidDataException>(() => ProviderSelection.Select<string>(
            ExecutionProviderPreference.Auto, _ => throw broken, (_, _) => { }));

        Assert.Same(broken, error);
    }
}
