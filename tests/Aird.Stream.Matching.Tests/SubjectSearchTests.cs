using Aird.Stream.Matching.Decisions;
using Aird.Stream.Matching.Persistence;
using Aird.Stream.Storage;
using Aird.Stream.Testing;
using Microsoft.Extensions.Options;

namespace Aird.Stream.Matching.Tests;

public class SubjectSearchTests(MatchingDatabase database) : IClassFixture<MatchingDatabase>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Returns_the_best_two_subjects_per_watchlist_ranked_per_subject()
    {
        var random = new Random(11);
        var probe = UnitVectors.Unit(random);
        var watchlist = await Enrollment.WatchlistAsync(database.DataSource, "ranked");
        // Alice has three faces close to the probe: the second and third must not count as rivals.
        var alice = await Enrollment.SubjectAsync(
            database.DataSource, watchlist, "alice",
            UnitVectors.AtCosine(probe, 0.9, random), UnitVectors.AtCosine(probe, 0.85, random), UnitVectors.AtCosine(probe, 0.8, random));
        var bob = await Enrollment.SubjectAsync(database.DataSource, watchlist, "bob", UnitVectors.AtCosine(probe, 0.6, random));
        await Enrollment.SubjectAsync(database.DataSource, watchlist, "carol", UnitVectors.AtCosine(probe, 0.3, random));
        await Enrollment.SubjectAsync(database.DataSource, watchlist, "dave-other-model", "other-model", UnitVectors.AtCosine(probe, 0.99, random));
        var other = await Enrollment.WatchlistAsync(database.DataSource, "other");
        var erin = await Enrollment.SubjectAsync(database.DataSource, other, "erin", UnitVectors.AtCosine(probe, 0.7, random));
        var empty = await Enrollment.WatchlistAsync(database.DataSource, "empty");

        var found = (await Search().NearestAsync([(probe, Enrollment.Model)], [watchlist, other, empty], Cancel)).Single();

        Assert.Equal([alice, bob], found[watchlist].Select(c => c.SubjectId));
        Assert.Equal(0.9, found[watchlist][0].Similarity, 4);
        Assert.Equal(0.6, found[watchlist][1].Similarity, 4);
        Assert.Equal([erin], found[other].Select(c => c.SubjectId));
        Assert.Empty(found[empty]);
        Assert.Equal(VerdictKind.Match, WatchlistDecision.Decide(found[watchlist], new WatchlistSettings(watchlist, "ranked", 0.75f, 0.4f, 0.2f, false, TimeSpan.Zero)).Kind);
    }

    [Fact]
    public async Task Finds_the_nearest_subject_among_many_through_the_index()
    {
        var random = new Random(12);
        var watchlist = await Enrollment.WatchlistAsync(database.DataSource, "large");
        var faces = Enumerable.Range(0, 300).Select(_ => UnitVectors.Unit(random)).ToArray();
        var subjects = new List<Guid>();
        foreach (var (face, i) in faces.Select((face, i) => (face, i)))
        {
            subjects.Add(await Enrollment.SubjectAsync(database.DataSource, watchlist, $"subject-{i}", face));
        }

        int[] probed = [.. Enumerable.Range(0, 300).Where(i => i % 37 == 0)];
        var foundPerFace = await Search().NearestAsync(
            [.. probed.Select(i => ((ReadOnlyMemory<float>)UnitVectors.Near(faces[i], random, 0.01), Enrollment.Model))], [watchlist], Cancel);

        Assert.Equal(probed.Length, foundPerFace.Count);
        foreach (var (i, found) in probed.Zip(foundPerFace))
        {
            Assert.Equal(subjects[i], found[watchlist][0].SubjectId);
            Assert.True(found[watchlist][0].Similarity > 0.95f && found[watchlist][1].Similarity < 0.5f);
        }
    }

    [Fact]
    public async Task No_watchlists_asks_nothing()
    {
        Assert.Empty((await Search().NearestAsync([(new float[UnitVectors.Dimension], Enrollment.Model)], [], Cancel)).Single());
    }

    private SubjectSearch Search() =>
        new(database.DataSource, Options.Create(new PostgresOptions()), Options.Create(new MatcherOptions { CandidateFaces = 4 }));
}
