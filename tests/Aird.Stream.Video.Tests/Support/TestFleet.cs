using System.Diagnostics.Metrics;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Aird.Stream.Video.Tests.Support;

/// <summary>The camera layer as a host composes it: cameras.json (reloaded on change), AddAirdCameras, the fleet started.</summary>
public sealed class TestFleet : IAsyncDisposable
{
    private readonly ServiceProvider provider;
    private readonly CameraFleet fleet;

    private TestFleet(ServiceProvider provider)
    {
        this.provider = provider;
        Metrics = new MetricTotals(provider.GetRequiredService<IMeterFactory>());
        fleet = provider.GetServices<IHostedService>().OfType<CameraFleet>().Single();
    }

    /// <summary>What this fleet's instruments measured since it was built.</summary>
    public MetricTotals Metrics { get; }

    public CameraHealthRegistry Health => provider.GetRequiredService<CameraHealthRegistry>();

    public CameraFrameChannel Frames => provider.GetRequiredService<CameraFrameChannel>();

    public static async Task<TestFleet> StartAsync(string camerasJson)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(camerasJson, optional: false, reloadOnChange: true)
            .Build();
        var services = new ServiceCollection().AddLogging().AddAirdCameras(configuration);
        var testFleet = new TestFleet(services.BuildServiceProvider());
        try
        {
            await testFleet.fleet.StartAsync(TestContext.Current.CancellationToken);
            return testFleet;
        }
        catch
        {
            await testFleet.DisposeAsync();
            throw;
        }
    }

    /// <summary>Writes a cameras.json with fast reconnects (100 ms doubling to 800 ms) and the given cameras.</summary>
    public static void WriteCameras(string path, params object[] cameras)
    {
        var document = new
        {
            Cameras = new { ReconnectInitialMs = 100, ReconnectMaxMs = 800, StallTimeoutMs = 5_000, FrameQueueCapacity = 4, Items = cameras },
        };
        File.WriteAllText(path, JsonSerializer.Serialize(document));
    }

    public CameraHealth HealthOf(string cameraId) =>
        Health.Get(cameraId) ?? throw new InvalidOperationException($"The fleet does not run camera '{cameraId}'.");

    public async ValueTask DisposeAsync()
    {
        await fleet.StopAsync(CancellationToken.None);
        await provider.DisposeAsync();
        Metrics.Dispose();
    }
}
