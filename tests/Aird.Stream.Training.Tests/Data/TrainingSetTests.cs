using Aird.Stream.Training.Data;

namespace Aird.Stream.Training.Tests.Data;

public sealed class TrainingSetTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aird-set-").FullName;

    [Fact]
    public void A_saved_set_loads_with_its_jittered_views()
    {
        var set = JitteredSets.Make(faces: 3, views: 2);
        var path = Path.Combine(_folder, "set.bin");

        set.Save(path);
        var loaded = TrainingSet.Load(path)!;

        Assert.Equal(2, loaded.JitteredViews);
        Assert.Equal(set.IdentityCount, loaded.IdentityCount);
        for (var i = 0; i < set.Faces.Count; i++)
        {
            var (expected, actual) = (set.Faces[i], loaded.Faces[i]);
            Assert.Equal((expected.Path, expected.Identity), (actual.Path, actual.Identity));
            Assert.Equal(expected.Chip, actual.Chip);
            Assert.Equal(expected.Teacher, actual.Teacher);
            Assert.Equal(expected.Jittered.Select(v => v.Jitter), actual.Jittered.Select(v => v.Jitter));
            Assert.Equal(expected.Jittered.Select(v => v.TeacherMirrored), actual.Jittered.Select(v => v.TeacherMirrored));
        }
    }

    [Fact]
    public void A_file_of_the_first_format_is_not_taken_for_a_set()
    {
        var path = Path.Combine(_folder, "old.bin");
        File.WriteAllBytes(path, BitConverter.GetBytes(1));

        Assert.Null(TrainingSet.Load(path));
    }

    [Fact]
    public void Faces_with_different_numbers_of_views_are_refused()
    {
        var faces = JitteredSets.Make(faces: 2, views: 1).Faces.ToList();
        faces[1] = faces[1] with { Jittered = [] };

        Assert.Throws<ArgumentException>(() => new TrainingSet(JitteredSets.ChipSize, faces, 2));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
