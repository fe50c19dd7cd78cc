using Aird.Stream.Evaluation.Protocols;

namespace Aird.Stream.Evaluation.Tests;

public class PairsFileTests
{
    [Fact]
    public void Both_line_forms_are_read_and_the_header_is_skipped()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, ["2", "Abel_Pacheco\t1\t4", "Zico 3 Zoe_Ball 1", ""]);

            var pairs = PairsFile.Read(path);

            Assert.Equal(
                [new FacePair("Abel_Pacheco", 1, "Abel_Pacheco", 4), new FacePair("Zico", 3, "Zoe_Ball", 1)],
                pairs);
            Assert.True(pairs[0].SameIdentity);
            Assert.False(pairs[1].SameIdentity);
            Assert.Equal(Path.Combine("Zico", "Zico_0003.jpg"), FacePair.ImagePath(pairs[1].NameA, pairs[1].ImageA));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("Abel_Pacheco 1")]
    [InlineData("Abel_Pacheco one 4")]
    [InlineData("Abel_Pacheco 0 4")]
    public void A_malformed_line_is_reported_with_its_line_number(string line)
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, ["1", line]);

            var error = Assert.Throws<FormatException>(() => PairsFile.Read(path));

            Assert.Contains($"{path}:2:", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
