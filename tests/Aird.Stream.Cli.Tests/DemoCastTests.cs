using Aird.Stream.Cli.Pipeline;

namespace Aird.Stream.Cli.Tests;

public class DemoCastTests
{
    private static readonly string[] People =
        ["9", "Ann_A\t1", "Bob_B\t3", "Cy_C\t7", "Di_D\t2", "Ed_E\t4", "Flo_F\t12", "Gus_G\t3", "Hal_H\t5", "Ivy_I\t9"];

    [Fact]
    public void People_with_enough_images_walk_lanes_of_their_own_at_small_faces_within_the_clip()
    {
        var duration = TimeSpan.FromSeconds(40);

        var cast = DemoCast.Create(People, people: 5, enrolled: 3, duration, 1280, 720, seed: 1);

        Assert.Equal(5, cast.Count);
        Assert.Equal(5, cast.Select(p => p.Clip.Name).Distinct().Count());
        Assert.DoesNotContain(cast, p => p.Clip.Name is "Ann_A" or "Di_D");
        Assert.Equal([true, true, true, false, false], cast.Select(p => p.Enrolled));
        Assert.All(cast, p =>
        {
            Assert.InRange(p.Clip.FaceWidthPx, 16, 40);
            Assert.True(p.Clip.Leaves <= duration, $"{p.Clip.Name} leaves at {p.Clip.Leaves}");
            Assert.Equal(p.Enrolled, p.EnrollmentImages.Count > 0);
            Assert.DoesNotContain(1, p.EnrollmentImages);
            Assert.Same(p, DemoCast.ByLane(cast, (p.Clip.From.Y + p.Clip.To.Y) / 2));
        });
        Assert.Equal(cast.Select(p => p.Clip.Name), DemoCast.Create(People, 5, 3, duration, 1280, 720, seed: 1).Select(p => p.Clip.Name));
    }

    [Fact]
    public void Too_few_eligible_people_is_a_clear_error()
    {
        var error = Assert.Throws<InvalidDataException>(() => DemoCast.Create(People, 9, 1, TimeSpan.FromSeconds(40), 1280, 720, 1));

        Assert.Contains("7 people with at least 3 images; the demo needs 9", error.Message, StringComparison.Ordinal);
    }
}
