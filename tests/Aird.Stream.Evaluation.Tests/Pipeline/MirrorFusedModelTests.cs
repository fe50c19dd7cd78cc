using Aird.Stream.Evaluation.Pipeline;

namespace Aird.Stream.Evaluation.Tests.Pipeline;

public class MirrorFusedModelTests
{
    private const int Size = 4;

    [Fact]
    public void A_chip_and_its_mirror_image_get_the_same_unit_embedding_whatever_the_inner_model()
    {
        var chip = Gradient();
        var mirror = Aird.Stream.Models.Runtime.RgbChips.Mirrored(chip, Size);
        using var inner = new ColumnProfileModel();
        using var fused = new MirrorFusedModel(new ColumnProfileModel());

        var plain = inner.EmbedGallery([chip, mirror], TestContext.Current.CancellationToken);
        var gallery = fused.EmbedGallery([chip, mirror], TestContext.Current.CancellationToken);
        var probes = fused.EmbedProbes("cam", [chip], TestContext.Current.CancellationToken);

        Assert.NotEqual(plain[0], plain[1]);
        Assert.Equal(gallery[0], gallery[1]);
        Assert.Equal(gallery[0], probes[0]);
        Assert.Equal(1, Math.Sqrt(gallery[0].Sum(v => v * (double)v)), 5);
        Assert.Equal("columns-mirror", fused.Name);
    }

    [Fact]
    public void A_model_that_adapts_to_its_probes_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new MirrorFusedModel(new ColumnProfileModel(adapts: true)));
        Assert.Contains("adapts", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Brightness rising left to right, so a column profile tells the chip from its mirror.</summary>
    private static byte[] Gradient()
    {
        var chip = new byte[Size * Size * 3];
        for (var i = 0; i < chip.Length; i++)
        {
            chip[i] = (byte)(40 * ((i / 3) % Size));
        }

        return chip;
    }

    /// <summary>A transparent stand-in embedder: the mean brightness of each pixel column, plus a constant.</summary>
    private sealed class ColumnProfileModel(bool adapts = false) : EvaluatedModel
    {
        public override string Name => "columns";

        public override int ChipSize => Size;

        public override bool AdaptsToProbes => adapts;

        public override float[][] EmbedGallery(IReadOnlyList<ReadOnlyMemory<byte>> chips, CancellationToken cancellationToken) =>
            [.. chips.Select(c => Profile(c.Span))];

        public override float[][] EmbedProbes(string camera, IReadOnlyList<ReadOnlyMemory<byte>> chips, CancellationToken cancellationToken) =>
            EmbedGallery(chips, cancellationToken);

        protected override void Dispose(bool disposing)
        {
        }

        private static float[] Profile(ReadOnlySpan<byte> chip)
        {
            var profile = new float[Size + 1];
            for (var i = 0; i < chip.Length; i++)
            {
                profile[(i / 3) % Size] += chip[i];
            }

            profile[Size] = 100;
            return profile;
        }
    }
}
