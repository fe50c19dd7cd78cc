using Aird.Stream.Models.Runtime;
using Aird.Stream.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aird.Stream.Models.Tests.Runtime;

public sealed class FaceEmbedderTests(TeacherFixture teacher) : IClassFixture<TeacherFixture>
{
    private static readonly (string Person, int Number)[] Faces =
    [
        ("Abdullah_Gul", 13),
        ("Abdullatif_Sener", 1),
        ("AJ_Lamas", 1),
        ("Reese_Witherspoon", 3),
        ("Abdullah_Gul", 14),
    ];

    [Fact]
    public void Teacher_embeddings_are_the_raw_onnx_output_l2_normalised()
    {
        var chips = Faces[..4].Select(f => LfwChips.CentreCrop(f.Person, f.Number)).ToList();
        using var embedder = OpenTeacher(maxBatchSize: 32);

        var embeddings = embedder.Embed([.. chips.Select(c => (ReadOnlyMemory<byte>)c)], Token);

        var raw = teacher.Embed(chips);
        Assert.Equal(4, embeddings.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var norm = MathF.Sqrt(raw[i].Sum(v => v * v));
            Assert.Equal(128, embeddings[i].Length);
            Assert.True(MaxAbsDiff(raw[i].Select(v => v / norm).ToArray(), embeddings[i]) <= 1e-5f, $"face {i} differs");
            Assert.Equal(1f, MathF.Sqrt(embeddings[i].Sum(v => v * v)), 1e-5f);
        }
    }

    [Fact]
    public void Batches_split_internally_give_the_same_embeddings_as_one_by_one()
    {
        var chips = Faces.Select(f => (ReadOnlyMemory<byte>)LfwChips.CentreCrop(f.Person, f.Number)).ToList();
        using var embedder = OpenTeacher(maxBatchSize: 2);

        var batched = embedder.Embed(chips, Token);
        var single = chips.Select(c => embedder.Embed([c], Token)[0]).ToList();

        Assert.Equal(5, batched.Length);
        var maxDiff = batched.Zip(single, MaxAbsDiff).Max();
        Assert.True(maxDiff <= 1e-5f, $"max |batched - single| = {maxDiff:E2}");
    }

    [Fact]
    public async Task Concurrent_callers_get_the_same_embeddings_as_a_single_caller()
    {
        var chips = Faces.Select(f => (ReadOnlyMemory<byte>)LfwChips.CentreCrop(f.Person, f.Number)).ToList();
        using var embedder = OpenTeacher(maxBatchSize: 3);
        var expected = embedder.Embed(chips, Token);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => embedder.Embed(chips, Token), Token)));

        Assert.All(results, r => Assert.True(r.Zip(expected, MaxAbsDiff).Max() <= 1e-5f));
    }

    [Fact]
    public void A_chip_of_the_wrong_size_is_refused_with_its_index_and_the_expected_size()
    {
        using var embedder = OpenTeacher(maxBatchSize: 32);
        ReadOnlyMemory<byte> good = LfwChips.CentreCrop("AJ_Lamas", 1);
        ReadOnlyMemory<byte> small = new byte[112 * 112 * 3];

        var error = Assert.Throws<ArgumentException>(() => embedder.Embed([good, small], Token));

        Assert.Equal("rgbChips", error.ParamName);
        Assert.StartsWith("Chip 1 has 37632 bytes; model 'teacher' takes 150x150 RGB chips of 67500 bytes.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_chips_give_no_embeddings()
    {
        using var embedder = OpenTeacher(maxBatchSize: 32);

        Assert.Empty(embedder.Embed([], Token));
    }

    [Fact]
    public void The_teacher_layout_is_read_back_from_its_model_file()
    {
        using var session = OpenSession();

        Assert.Equal(EmbedderModelInfo.Teacher, EmbedderModelInfo.Describe("teacher", session.Session));
    }

    [Fact]
    public void A_model_that_does_not_match_the_declared_layout_is_refused()
    {
        using var session = OpenSession();

        var error = Assert.Throws<InvalidDataException>(() => new FaceEmbedder(session, EmbedderModelInfo.Teacher with { ChipSize = 112 }));

        Assert.Contains("ChipSize = 150", error.Message, StringComparison.Ordinal);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private FaceEmbedder OpenTeacher(int maxBatchSize) => new(OpenSession(), EmbedderModelInfo.Teacher, maxBatchSize);

    private OnnxSession OpenSession() => new OnnxSessionFactory(NullLogger<OnnxSessionFactory>.Instance).Create(
        teacher.ModelPath, new OnnxRuntimeOptions { Provider = ExecutionProviderPreference.Cpu });

    private static float MaxAbsDiff(float[] a, float[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Max();
}
