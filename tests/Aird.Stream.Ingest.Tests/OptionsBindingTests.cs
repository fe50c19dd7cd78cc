using Aird.Stream.Ingest.BestShots;
using Aird.Stream.Ingest.Tracking;
using Microsoft.Extensions.Configuration;

namespace Aird.Stream.Ingest.Tests;

public sealed class OptionsBindingTests
{
    [Fact]
    public void Every_options_record_binds_from_its_configuration_section()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ingest:Tracker:MaxAge"] = "00:00:03",
            ["Ingest:Tracker:MaxCentreDistance"] = "2.5",
            ["Ingest:Quality:FrontalnessWeight"] = "0.5",
            ["Ingest:BestShots:Window"] = "00:00:30",
            ["Ingest:BestShots:MaxShotsPerWindow"] = "3",
        }).Build();

        var tracker = configuration.GetSection(TrackerOptions.SectionName).Get<TrackerOptions>();
        var quality = configuration.GetSection(FaceQualityOptions.SectionName).Get<FaceQualityOptions>();
        var shots = configuration.GetSection(BestShotOptions.SectionName).Get<BestShotOptions>();

        Assert.Equal(new TrackerOptions { MaxAge = TimeSpan.FromSeconds(3), MaxCentreDistance = 2.5 }, tracker);
        Assert.Equal(new FaceQualityOptions { FrontalnessWeight = 0.5 }, quality);
        Assert.Equal(new BestShotOptions { Window = TimeSpan.FromSeconds(30), MaxShotsPerWindow = 3 }, shots);
    }
}
