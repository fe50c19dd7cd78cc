using Aird.Stream.Matching.Decisions;
using Aird.Stream.Matching.Persistence;
using Microsoft.Extensions.Options;

namespace Aird.Stream.Matching.Tests;

public class WatchlistCatalogTests(MatchingDatabase database) : IClassFixture<MatchingDatabase>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reads_the_settings_and_rereads_them_only_after_the_refresh_interval()
    {
        var clock = new ManualClock();
        var catalog = new WatchlistCatalog(database.DataSource, Options.Create(new MatcherOptions { WatchlistRefreshSeconds = 30 }), clock);
        var first = await Enrollment.WatchlistAsync(
            database.DataSource, "first", match: 0.8f, unknown: 0.3f, margin: 0.1f, alertOnUnknown: true, cooldown: TimeSpan.FromSeconds(90));

        var loaded = await catalog.GetAsync(Cancel);
        var second = await Enrollment.WatchlistAsync(database.DataSource, "second");
        clock.Now += TimeSpan.FromSeconds(29);
        var cached = await catalog.GetAsync(Cancel);
        clock.Now += TimeSpan.FromSeconds(1);
        var refreshed = await catalog.GetAsync(Cancel);

        Assert.Equal([new WatchlistSettings(first, "first", 0.8f, 0.3f, 0.1f, true, TimeSpan.FromSeconds(90))], loaded);
        Assert.Same(loaded, cached);
        Assert.Equal([first, second], refreshed.Select(w => w.WatchlistId));
    }
}
