using Aird.Stream.Models.Runtime;
using Aird.Stream.Models.Teacher;
using Aird.Stream.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace Aird.Stream.Models.Tests.Runtime;

public sealed class OnnxSessionFactoryTests(TeacherFixture teacher) : IClassFixture<TeacherFixture>
{
    private readonly RecordingLogger<OnnxSessionFactory> _logger = new();

    [Fact]
    public void Cpu_runs_the_model_on_the_cpu_provider_and_logs_it()
    {
        using var session = new OnnxSessionFactory(_logger).Create(
            teacher.ModelPath, new OnnxRuntimeOptions { Provider = ExecutionProviderPreference.Cpu, IntraOpThreads = 1 });

        Assert.Equal(OnnxExecutionProvider.Cpu, session.Provider);
        Assert.Equal(teacher.ModelPath, session.ModelPath);
        var chip = LfwChips.CentreCrop("AJ_Lamas", 1);
        var output = OnnxRun.Once(
            session.Session, TeacherModel.InputName, LfwChips.ToNchw([chip]), [1, 3, TeacherModel.InputSize, TeacherModel.InputSize], TeacherModel.OutputName);
        Assert.Equal(teacher.Embed([chip])[0], output);
        var (level, message) = Assert.Single(_logger.Entries);
        Assert.Equal(LogLevel.Information, level);
        Assert.Contains("runs on the Cpu execution provider (asked for Cpu, 1 intra-op threads)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Auto_runs_on_cuda_or_logs_why_it_fell_back_to_the_cpu()
    {
        using var session = new OnnxSessionFactory(_logger).Create(teacher.ModelPath, new OnnxRuntimeOptions());

        var messages = _logger.Entries.Select(e => e.Message).ToList();
        Assert.Contains(messages, m => m.Contains($"runs on the {session.Provider} execution provider (asked for Auto, {Environment.ProcessorCount} intra-op threads)", StringComparison.Ordinal));
        if (session.Provider == OnnxExecutionProvider.Cpu)
        {
            Assert.Contains(messages, m => m.StartsWith("The Cuda execution provider cannot run", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Explicit_cuda_either_runs_on_cuda_or_fails_with_a_clear_error()
    {
        var factory = new OnnxSessionFactory(_logger);
        var options = new OnnxRuntimeOptions { Provider = ExecutionProviderPreference.Cuda };

        try
        {
            using var session = factory.Create(teacher.ModelPath, options);
            Assert.Equal(OnnxExecutionProvider.Cuda, session.Provider);
        }
        catch (ExecutionProviderUnavailableException e)
        {
            Assert.StartsWith("The CUDA execution provider was requested but cannot run here: ", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_missing_model_is_named_in_the_error()
    {
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.onnx");

        var error = Assert.Throws<FileNotFoundException>(() => new OnnxSessionFactory(_logger).Create(path, new OnnxRuntimeOptions()));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_refused_by_onnx_runtime()
    {
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.onnx");
        File.WriteAllText(path, "not a model");
        try
        {
            Assert.Throws<OnnxRuntimeException>(() => new OnnxSessionFactory(_logger).Create(
                path, new OnnxRuntimeOptions { Provider = ExecutionProviderPreference.Cpu }));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
