using Aird.Stream.Evaluation.Protocols;
using Aird.Stream.Testing;

namespace Aird.Stream.Evaluation.Tests;

public class PeopleFileTests
{
    [Fact]
    public void Lfw_DevTest_people_are_read_with_their_image_counts()
    {
        var people = PeopleFile.Read(Path.Combine(RepositoryPaths.Lfw, "peopleDevTest.txt"));

        Assert.Equal(1711, people.Count);
        Assert.Equal(3708, people.Sum(p => p.Images));
    }

    [Fact]
    public void A_line_without_a_count_names_its_line()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllLines(path, ["1", "Zico three"]);

            var error = Assert.Throws<FormatException>(() => PeopleFile.Read(path));

            Assert.Contains($"{path}:2:", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
