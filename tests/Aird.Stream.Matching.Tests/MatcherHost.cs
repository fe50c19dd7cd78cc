using System.Diagnostics.Metrics;
using Aird.Stream.Contracts;
using Aird.Stream.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Aird.Stream.Matching.Tests;

/// <summary>The matcher role wired as <c>aird match</c> wires it (AddAirdMatcher over configuration), started and stopped by the test.</summary>
internal sealed class MatcherHost(IDictionary<string, string?> settings) : IAsyncDisposable
{
    private readonly ServiceProvider _provider = new ServiceCollection()
        .AddLogging()
        .AddAirdMatcher(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
        .BuildServiceProvider(validateScopes: true);

    private IHostedService[] _services = [];

    public KafkaProducer<FaceEmbedding> Embeddings => _provider.GetRequiredService<KafkaProducer<FaceEmbedding>>();

    /// <summary>The scope of this host's meters: measurements of other hosts in the same process carry another.</summary>
    public IMeterFactory MeterFactory => _provider.GetRequiredService<IMeterFactory>();

    public async Task StartAsync()
    {
        _services = [.. _provider.GetServices<IHostedService>()];
        foreach (var service in _services)
        {
            await service.StartAsync(TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in _services.Reverse())
        {
            await service.StopAsync(CancellationToken.None);
        }

        await _provider.DisposeAsync();
    }
}
