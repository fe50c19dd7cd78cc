using Aird.Stream.Testing;
using Aird.Stream.Training.Data;

namespace Aird.Stream.Training.Tests.Data;

public class ChipJitterTests
{
    private const int Size = 40;
    private static readonly byte[] Face = LfwChips.CentreCrop("Aaron_Peirsol", 1);

    [Fact]
    public void The_identity_jitter_leaves_the_chip_as_it_is() =>
        Assert.Equal(Face, new ChipJitter(0, 1, 0, 0).Apply(Face, LfwChips.Size));

    [Fact]
    public void A_shift_moves_the_face_by_that_many_pixels()
    {
        var chip = Column(12);

        var shifted = new ChipJitter(0, 1, 3, 0).Apply(chip, Size);

        Assert.Equal(255, shifted[Index(20, 15)]);
        Assert.Equal(0, shifted[Index(20, 12)]);
    }

    [Fact]
    public void A_quarter_turn_makes_a_column_a_row()
    {
        var turned = new ChipJitter(90, 1, 0, 0).Apply(Column(12), Size);

        var brightRows = Enumerable.Range(0, Size).Where(y => turned[Index(y, 5)] > 128).ToList();
        var brightColumns = Enumerable.Range(0, Size).Where(x => turned[Index(5, x)] > 128).ToList();
        Assert.Single(brightRows);
        Assert.Empty(brightColumns);
    }

    [Fact]
    public void Drawn_jitters_stay_within_their_bounds_and_go_both_ways()
    {
        var options = new ChipJitterOptions { MaxRotationDegrees = 5, MaxScaleChange = 0.1, MaxShiftPx = 4 };
        var random = new Random(3);

        var jitters = Enumerable.Range(0, 500).Select(_ => ChipJitter.Draw(random, options)).ToList();

        Assert.All(jitters, j =>
        {
            Assert.InRange(j.RotationDegrees, -5, 5);
            Assert.InRange(j.Scale, 0.9, 1.1);
            Assert.InRange(j.ShiftX, -4, 4);
            Assert.InRange(j.ShiftY, -4, 4);
        });
        Assert.Contains(jitters, j => j.RotationDegrees < -4);
        Assert.Contains(jitters, j => j.RotationDegrees > 4);
        Assert.Contains(jitters, j => j.ShiftY < -3);
        Assert.Contains(jitters, j => j.ShiftY > 3);
    }

    // A black chip with one white column.
    private static byte[] Column(int x)
    {
        var chip = new byte[Size * Size * 3];
        for (var y = 0; y < Size; y++)
        {
            for (var c = 0; c < 3; c++)
            {
                chip[Index(y, x) + c] = 255;
            }
        }

        return chip;
    }

    private static int Index(int y, int x) => ((y * Size) + x) * 3;
}
