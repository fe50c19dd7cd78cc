using Aird.Stream.Models.Runtime;
using Aird.Stream.Recognizer.Tests.Support;
using Aird.Stream.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aird.Stream.Recognizer.Tests;

public sealed class ServiceRegistrationTests
{
    [Fact]
    public void The_recognizer_section_binds_and_the_worker_is_hosted()
    {
        using var provider = Build(new()
        {
            ["Recognizer:Model"] = "/models/student-facebn.onnx",
            ["Recognizer:FaceBn"] = "false",
            ["Recognizer:Provider"] = "Cuda",
            ["Recognizer:Consumers"] = "3",
            ["Recognizer:MaxWaitMs"] = "7",
            ["Recognizer:SaveEveryFaces"] = "42",
        });

        var options = provider.GetRequiredService<IOptions<RecognizerOptions>>().Value;

        Assert.Equal("/models/student-facebn.onnx", options.Model);
        Assert.False(options.FaceBn);
        Assert.Equal(ExecutionProviderPreference.Cuda, options.Provider);
        Assert.Equal((3, 7, 42), (options.Consumers, options.MaxWaitMs, options.SaveEveryFaces));
        Assert.Equal("aird-recognizer", options.GroupId);
        Assert.IsType<RecognizerWorker>(Assert.Single(provider.GetServices<IHostedService>()));
    }

    [Theory]
    [InlineData("Recognizer:Model", "", "Recognizer:Model must name the ONNX embedder.")]
    [InlineData("Recognizer:Consumers", "0", "Recognizer:Consumers and Recognizer:MaxBatchSize must be at least 1.")]
    [InlineData("Recognizer:MaxWaitMs", "-1", "Recognizer:MaxWaitMs and Recognizer:IntraOpThreads must not be negative.")]
    [InlineData("Recognizer:SaveEveryMs", "0", "Recognizer:SaveEveryFaces and Recognizer:SaveEveryMs must be positive.")]
    public void Invalid_settings_are_refused_with_the_setting_named(string key, string value, string message)
    {
        using var provider = Build(new() { ["Recognizer:Model"] = "/models/student-facebn.onnx", [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RecognizerOptions>>().Value);
        Assert.Contains(message, error.Failures);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        // Resolving the worker builds its clients; none of them connects before it runs.
        settings["Postgres:ConnectionString"] = "Host=127.0.0.1;Port=1;Username=aird;Password=unused";
        return new ServiceCollection()
            .AddAirdRecognizer(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddLogging(logging => logging.AddProvider(new TestOutputLogger()))
            .BuildServiceProvider();
    }
}
