using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Aird.Stream.Matching.Tests;

public class ServiceRegistrationTests
{
    [Fact]
    public void The_matcher_registers_its_worker_and_default_options()
    {
        var services = new ServiceCollection().AddAirdMatcher(new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider(validateScopes: true);

        Assert.Equal(typeof(MatcherWorker), Assert.Single(services, d => d.ServiceType == typeof(IHostedService)).ImplementationType);
        var options = provider.GetRequiredService<IOptions<MatcherOptions>>().Value;
        Assert.Equal(("aird-matcher", 30, 16, 600), (options.GroupId, options.WatchlistRefreshSeconds, options.CandidateFaces, options.TrackIdleSeconds));
    }

    [Theory]
    [InlineData("Matcher:GroupId", " ", "Matcher:GroupId must be set.")]
    [InlineData("Matcher:CandidateFaces", "1", "Matcher:CandidateFaces must be between 2 and 1000.")]
    [InlineData("Matcher:TrackIdleSeconds", "0", "Matcher:TrackIdleSeconds must be between 1 and 86400.")]
    [InlineData("Matcher:WatchlistRefreshSeconds", "-1", "Matcher:WatchlistRefreshSeconds must be between 0 and 86400.")]
    public void Invalid_settings_are_refused_with_the_setting_named(string key, string value, string message)
    {
        using var provider = Provider(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MatcherOptions>>().Value);

        Assert.Contains(message, error.Failures);
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddLogging()
            .AddAirdMatcher(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider(validateScopes: true);
}
