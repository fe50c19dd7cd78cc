using Aird.Stream.Models.Runtime;
using Aird.Stream.Recognizer.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aird.Stream.Recognizer.Tests;

/// <summary>The embedders over the real exported student graphs, with FaceBN state in the real PostgreSQL.</summary>
public sealed class FaceBnBatchingTests(MigratedDatabase database, StudentModelFiles models)
    : IClassFixture<MigratedDatabase>, IClassFixture<StudentModelFiles>
{
    private const int Chip = 64;
    private const int Rounds = 3;

    [Fact]
    public async Task A_batch_mixing_cameras_gives_the_embeddings_of_each_camera_run_on_its_own()
    {
        var a = new[] { TestCrops.Rgb(0, Chip), TestCrops.Rgb(1, Chip) };
        var b = new[] { TestCrops.Rgb(2, Chip), TestCrops.Rgb(3, Chip) };
        using var mixed = await OpenAsync(true, "mixed-a", "mixed-b");
        using var separate = await OpenAsync(true, "alone-a", "alone-b");

        var mixedRounds = new List<IReadOnlyList<ChipEmbedding>>();
        var separateRounds = new List<IReadOnlyList<ChipEmbedding>>();
        for (var round = 0; round < Rounds; round++)
        {
            // Interleaved, so that every camera's samples are scattered through the batch.
            mixedRounds.Add(mixed.Embed([Crop("mixed-a", a[0]), Crop("mixed-b", b[0]), Crop("mixed-a", a[1]), Crop("mixed-b", b[1])]));
            var aloneA = separate.Embed([Crop("alone-a", a[0]), Crop("alone-a", a[1])]);
            var aloneB = separate.Embed([Crop("alone-b", b[0]), Crop("alone-b", b[1])]);
            separateRounds.Add([aloneA[0], aloneB[0], aloneA[1], aloneB[1]]);
        }

        for (var round = 0; round < Rounds; round++)
        {
            for (var i = 0; i < 4; i++)
            {
                Assert.Equal(separateRounds[round][i].FaceBnApplied, mixedRounds[round][i].FaceBnApplied);
                Assert.True(TestEmbedders.MaxDifference(separateRounds[round][i].Vector, mixedRounds[round][i].Vector) < 1e-5, $"round {round}, sample {i}");
            }
        }

        // Not vacuous: the first batch ran on the training statistics, later ones on each camera's own.
        Assert.All(mixedRounds[0], e => Assert.False(e.FaceBnApplied));
        Assert.All(mixedRounds[^1], e => Assert.True(e.FaceBnApplied));
        Assert.True(TestEmbedders.MaxDifference(mixedRounds[0][0].Vector, mixedRounds[^1][0].Vector) > 1e-3, "the camera's statistics did not change the embedding");
    }

    [Fact]
    public async Task The_plain_folded_student_embeds_like_the_FaceBN_graph_on_the_training_statistics()
    {
        var chips = Enumerable.Range(0, 4).Select(i => TestCrops.Rgb(i, Chip)).ToArray();
        using var faceBn = await OpenAsync(true, "fresh");
        using var plain = await OpenAsync(false);

        var adapted = faceBn.Embed([.. chips.Select(c => Crop("fresh", c))]);
        var folded = plain.Embed([.. chips.Select(c => Crop("fresh", c))]);

        Assert.Equal(faceBn.Version, plain.Version);
        Assert.Null(plain.Cameras);
        for (var i = 0; i < chips.Length; i++)
        {
            Assert.False(folded[i].FaceBnApplied);
            Assert.True(TestEmbedders.MaxDifference(adapted[i].Vector, folded[i].Vector) < 1e-4, $"sample {i}");
            Assert.Equal(1.0, Math.Sqrt(folded[i].Vector.Sum(v => (double)v * v)), 4);
        }
    }

    [Fact]
    public void A_model_without_the_FaceBN_interface_is_refused_when_FaceBN_is_on()
    {
        var options = new RecognizerOptions { Model = models.Folded, FaceBn = true, Provider = ExecutionProviderPreference.Cpu };

        var error = Assert.Throws<InvalidDataException>(() => CropEmbedders.Open(
            options, new OnnxSessionFactory(NullLogger<OnnxSessionFactory>.Instance), database.Store, TimeProvider.System, NullLogger.Instance));
        Assert.Contains("is not a FaceBN student graph", error.Message, StringComparison.Ordinal);
    }

    private static CropChip Crop(string camera, byte[] rgb) => new(camera, rgb);

    private Task<ICropEmbedder> OpenAsync(bool faceBn, params string[] cameras) =>
        TestEmbedders.OpenAsync(database, models, faceBn, null, cameras);
}
