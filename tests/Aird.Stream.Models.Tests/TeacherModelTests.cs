using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Aird.Stream.Models.Teacher;
using Aird.Stream.Testing;

namespace Aird.Stream.Models.Tests;

public sealed class TeacherModelTests(TeacherFixture teacher, ITestOutputHelper output) : IClassFixture<TeacherFixture>
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    // The chips of tests/reference/teacher-descriptors.json (see tests/reference/README.md to regenerate it).
    private static readonly (string Person, int Number)[] ReferenceChips =
    [
        ("Abdullah_Gul", 13),
        ("Abdullatif_Sener", 1),
        ("AJ_Lamas", 1),
        ("Reese_Witherspoon", 3),
    ];

    [Fact]
    public void Our_onnx_conversion_matches_the_original_tfjs_model_within_1e_4()
    {
        var chipFolder = Directory.CreateDirectory(Path.Combine(RepositoryPaths.Cache, "teacher-reference", "chips")).FullName;
        var chips = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (person, number) in ReferenceChips)
        {
            var name = $"{person}_{number:D4}";
            chips[name] = LfwChips.CentreCrop(person, number);

            // The exact input the Node reference script reads when the reference is regenerated.
            File.WriteAllBytes(Path.Combine(chipFolder, $"{name}.rgb"), chips[name]);
        }

        var reference = ReadReference();
        Assert.Equal(chips.Keys.Order(StringComparer.Ordinal), reference.Faces.Select(f => f.Chip).Order(StringComparer.Ordinal));
        foreach (var face in reference.Faces)
        {
            Assert.True(
                Convert.ToHexStringLower(SHA256.HashData(chips[face.Chip])) == face.ChipSha256,
                $"Chip {face.Chip} no longer decodes to the pixels the reference was made from: regenerate it (tests/reference/README.md).");
        }

        var ours = teacher.Embed([.. reference.Faces.Select(f => chips[f.Chip])]);

        var maxAbsDiff = 0f;
        for (var i = 0; i < ours.Length; i++)
        {
            var diff = ours[i].Zip(reference.Faces[i].Descriptor, (a, b) => Math.Abs(a - b)).Max();
            output.WriteLine($"{reference.Faces[i].Chip}: max |ONNX - TF.js| = {diff:E2}");
            maxAbsDiff = Math.Max(maxAbsDiff, diff);
        }

        Assert.True(maxAbsDiff <= 1e-4f, $"max |ONNX - TF.js| = {maxAbsDiff:E2} over {ours.Length} faces exceeds 1e-4.");
    }

    [Fact]
    public void Same_person_pairs_are_closer_than_different_person_pairs_on_lfw()
    {
        // The first four same and different pairs of LFW's pairsDevTest.txt, compared by Euclidean distance as
        // dlib and face-api do. Centre crops are not aligned chips, so distances run higher than dlib's 0.6
        // threshold assumes: only the ordering is asserted (alignment quality is measured by `aird eval`).
        (string, int, string, int)[] same =
        [
            ("Abdullah_Gul", 13, "Abdullah_Gul", 14), ("Abdullatif_Sener", 1, "Abdullatif_Sener", 2),
            ("Adel_Al-Jubeir", 1, "Adel_Al-Jubeir", 3), ("Adrien_Brody", 2, "Adrien_Brody", 3),
        ];
        (string, int, string, int)[] different =
        [
            ("AJ_Lamas", 1, "Zach_Safrin", 1), ("Aaron_Guiel", 1, "Reese_Witherspoon", 3),
            ("Aaron_Tippin", 1, "Jose_Luis_Rodriguez_Zapatero", 1), ("Abdul_Majeed_Shobokshi", 1, "Charles_Cope", 1),
        ];

        var sameDistances = same.Select(Distance).ToArray();
        var differentDistances = different.Select(Distance).ToArray();
        output.WriteLine($"same-person distances: {Format(sameDistances)}; different-person distances: {Format(differentDistances)}");

        Assert.True(sameDistances.Max() < differentDistances.Min(), "A different-person pair is closer than a same-person pair.");
    }

    [Fact]
    public void The_model_records_the_sha256_of_its_source_weights_and_is_not_rebuilt_when_current()
    {
        var weights = Path.Combine(RepositoryPaths.FaceApiModelFolder, "face_recognition_model.bin");
        var written = File.GetLastWriteTimeUtc(teacher.ModelPath);

        Assert.Equal(
            Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(weights))),
            teacher.Session.ModelMetadata.CustomMetadataMap[TeacherModel.SourceWeightsSha256Key]);
        Assert.Equal(teacher.ModelPath, TeacherModel.EnsureConverted(RepositoryPaths.Cache));
        Assert.Equal(written, File.GetLastWriteTimeUtc(teacher.ModelPath));
    }

    [Fact]
    public void A_damaged_cached_model_is_converted_again()
    {
        var cache = Directory.CreateTempSubdirectory("aird-cache-");
        try
        {
            var model = Directory.CreateDirectory(Path.Combine(cache.FullName, "models", "@vladmandic", "face-api", "model")).FullName;
            foreach (var file in Directory.GetFiles(RepositoryPaths.FaceApiModelFolder, "face_recognition_model*"))
            {
                File.Copy(file, Path.Combine(model, Path.GetFileName(file)));
            }

            var target = Path.Combine(cache.FullName, "models", "teacher", "dlib_resnet_teacher.onnx");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, "half-written");

            Assert.Equal(target, TeacherModel.EnsureConverted(cache.FullName));
            Assert.Equal(File.ReadAllBytes(teacher.ModelPath), File.ReadAllBytes(target));
        }
        finally
        {
            cache.Delete(recursive: true);
        }
    }

    [Fact]
    public void Missing_source_weights_tell_to_run_the_setup_script()
    {
        var empty = Directory.CreateTempSubdirectory("aird-empty-cache-");
        try
        {
            var error = Assert.Throws<FileNotFoundException>(() => TeacherModel.EnsureConverted(empty.FullName));
            Assert.Contains("deploy/setup.sh", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    private float Distance((string Person1, int Number1, string Person2, int Number2) pair)
    {
        var e = teacher.Embed([LfwChips.CentreCrop(pair.Person1, pair.Number1), LfwChips.CentreCrop(pair.Person2, pair.Number2)]);
        return MathF.Sqrt(e[0].Zip(e[1], (a, b) => (a - b) * (a - b)).Sum());
    }

    private static string Format(float[] values) =>
        string.Join(", ", values.Select(v => v.ToString("F3", CultureInfo.InvariantCulture)));

    private static ReferenceDescriptors ReadReference()
    {
        var path = Path.Combine(RepositoryPaths.ReferenceFolder, "teacher-descriptors.json");
        Assert.True(File.Exists(path), $"'{path}' is missing: regenerate it (tests/reference/README.md).");
        return JsonSerializer.Deserialize<ReferenceDescriptors>(File.ReadAllBytes(path), JsonOptions)!;
    }

    private sealed record ReferenceDescriptors(ReferenceFace[] Faces);

    private sealed record ReferenceFace(string Chip, string ChipSha256, float[] Descriptor);
}
