using Aird.Stream.Models.Runtime;
using Aird.Stream.Vision.Detection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aird.Stream.Vision.Tests;

public class ServiceRegistrationTests
{
    [Fact]
    public void The_detector_is_built_from_the_Vision_Detector_section()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Vision:Detector:ModelPath"] = TestAssets.BlazeFaceModel(BlazeFaceVariant.Front128),
                ["Vision:Detector:Variant"] = "Front128",
                ["Vision:Detector:MinFacePx"] = "24",
            })
            .Build();
        using var provider = new ServiceCollection()
            .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
            .AddAirdFaceDetection(configuration)
            .BuildServiceProvider();

        var detector = provider.GetRequiredService<BlazeFaceDetector>();

        Assert.Same(detector, provider.GetRequiredService<BlazeFaceDetector>());
        Assert.Equal(OnnxExecutionProvider.Cpu, detector.ExecutionProvider);
    }
}
