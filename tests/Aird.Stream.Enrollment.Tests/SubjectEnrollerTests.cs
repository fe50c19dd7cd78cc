using System.Security.Cryptography;
using Aird.Stream.Models.Student;
using OpenCvSharp;
using Pgvector;

namespace Aird.Stream.Enrollment.Tests;

public sealed class SubjectEnrollerTests(EnrollmentFixture fixture) : IClassFixture<EnrollmentFixture>
{
    [Fact]
    public async Task Enrolls_each_photo_once_with_the_recognizer_model_version_and_no_image()
    {
        var photos = LfwPeople.WithAtLeast(minImages: 2, count: 1)[0];

        var first = await fixture.Enroller.EnrollAsync(Request("stored", "person", photos), null, TestContext.Current.CancellationToken);
        var again = await fixture.Enroller.EnrollAsync(Request("stored", "person", photos), null, TestContext.Current.CancellationToken);

        Assert.All(first.Images, i => Assert.Equal(ImageOutcome.Enrolled, i.Outcome));
        Assert.True(first.Watchlist!.Created);
        Assert.True(first.Subject!.Created);
        Assert.All(again.Images, i => Assert.Equal(ImageOutcome.AlreadyEnrolled, i.Outcome));
        Assert.False(again.Watchlist!.Created);
        Assert.Equal(first.Subject.SubjectId, again.Subject!.SubjectId);
        Assert.Equal(photos.Length, await fixture.CountAsync("SELECT count(*) FROM subject_faces WHERE subject_id = $1", first.Subject.SubjectId));
        Assert.Equal(1, await fixture.CountAsync("SELECT count(*) FROM subjects WHERE watchlist_id = $1", first.Watchlist.WatchlistId));

        await using var command = fixture.DataSource.CreateCommand(
            "SELECT embedding, model_version, quality, source_sha256, thumbnail IS NULL FROM subject_faces WHERE subject_id = $1");
        command.Parameters.Add(new() { Value = first.Subject.SubjectId });
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var hashes = photos.Select(p => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(p)))).ToHashSet();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            var embedding = reader.GetFieldValue<Vector>(0).ToArray();
            Assert.Equal(1, Math.Sqrt(embedding.Sum(v => (double)v * v)), 4);
            Assert.Equal(first.ModelVersion, reader.GetString(1));
            Assert.InRange(reader.GetFloat(2), 0.6f, 1f);
            Assert.Contains(Convert.ToHexString(reader.GetFieldValue<byte[]>(3)), hashes);
            Assert.True(reader.GetBoolean(4));
        }
    }

    [Fact]
    public async Task The_model_version_is_the_one_the_recognizer_publishes()
    {
        using var model = new Microsoft.ML.OnnxRuntime.InferenceSession(Path.Combine(Testing.RepositoryPaths.Root, "models", "student", "student-facebn.onnx"));

        Assert.Equal(model.ModelMetadata.CustomMetadataMap[StudentModel.VersionMetadataKey], fixture.Embedder.Version);
        Assert.Equal(64, fixture.Embedder.ChipSize);
    }

    [Fact]
    public async Task Unusable_images_get_a_clear_outcome_and_write_nothing()
    {
        var folder = Directory.CreateTempSubdirectory("aird-enroll-").FullName;
        try
        {
            var notImage = Path.Combine(folder, "notes.jpg");
            await File.WriteAllTextAsync(notImage, "this is not a JPEG", TestContext.Current.CancellationToken);
            var empty = Path.Combine(folder, "empty.png");
            await File.WriteAllBytesAsync(empty, [], TestContext.Current.CancellationToken);
            var texture = Path.Combine(folder, "texture.png");
            using (var noise = new Mat(400, 400, MatType.CV_8UC3))
            {
                Cv2.Randu(noise, Scalar.All(0), Scalar.All(255));
                Cv2.GaussianBlur(noise, noise, new Size(5, 5), 0);
                Cv2.ImWrite(texture, noise);
            }

            var tiny = Path.Combine(folder, "tiny.png");
            using (var face = Cv2.ImRead(LfwPeople.WithAtLeast(1, 1)[0][0]))
            using (var small = face.Resize(new Size(8, 8), 0, 0, InterpolationFlags.Area))
            {
                Cv2.ImWrite(tiny, small);
            }

            var missing = Path.Combine(folder, "missing.jpg");

            var summary = await fixture.Enroller.EnrollAsync(
                Request("unusable", "nobody", notImage, empty, texture, tiny, missing), null, TestContext.Current.CancellationToken);

            Assert.False(summary.Succeeded);
            Assert.Null(summary.Watchlist);
            Assert.Equal(
                [ImageOutcome.Unreadable, ImageOutcome.Unreadable, ImageOutcome.NoFace, ImageOutcome.TooSmall, ImageOutcome.Unreadable],
                summary.Images.Select(i => i.Outcome));
            Assert.Contains("not an image", summary.Images[0].Message, StringComparison.Ordinal);
            Assert.Contains("no face found", summary.Images[2].Message, StringComparison.Ordinal);
            Assert.Contains("8x8", summary.Images[3].Message, StringComparison.Ordinal);
            Assert.Contains("no such file", summary.Images[4].Message, StringComparison.Ordinal);
            Assert.Equal(0, await fixture.CountAsync("SELECT count(*) FROM watchlists WHERE name = 'unusable'"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Grey_scale_and_huge_photos_are_enrolled_from_a_folder()
    {
        var folder = Directory.CreateTempSubdirectory("aird-enroll-").FullName;
        try
        {
            var photos = LfwPeople.WithAtLeast(minImages: 2, count: 2)[1];
            using (var colour = Cv2.ImRead(photos[0]))
            using (var grey = colour.CvtColor(ColorConversionCodes.BGR2GRAY))
            {
                Cv2.ImWrite(Path.Combine(folder, "grey.png"), grey);
            }

            // 6000x6000: a 24-megapixel photo whose face spans about 2,600 px.
            using (var colour = Cv2.ImRead(photos[1]))
            using (var huge = colour.Resize(new Size(6000, 6000), 0, 0, InterpolationFlags.Cubic))
            {
                Cv2.ImWrite(Path.Combine(folder, "huge.jpg"), huge);
            }

            var reports = new List<EnrollmentProgress>();
            var summary = await fixture.Enroller.EnrollAsync(
                Request("formats", "person", folder), new InlineProgress(reports.Add), TestContext.Current.CancellationToken);

            Assert.Equal(["grey.png", "huge.jpg"], summary.Images.Select(i => Path.GetFileName(i.Path)));
            Assert.All(summary.Images, i => Assert.Equal(ImageOutcome.Enrolled, i.Outcome));
            Assert.Equal([1, 2], reports.Select(r => r.Done));
            Assert.All(reports, r => Assert.Equal(2, r.Total));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_enrolled_photo_is_closer_to_another_photo_of_the_person_than_to_other_people()
    {
        var people = LfwPeople.WithAtLeast(minImages: 2, count: 8);
        var enrolled = new List<float[]>();
        var others = new List<float[]>();
        foreach (var (photos, i) in people.Select((p, i) => (p, i)))
        {
            var summary = await fixture.Enroller.EnrollAsync(Request("sanity", $"person-{i}", photos[0]), null, TestContext.Current.CancellationToken);
            Assert.True(summary.Succeeded, summary.Images[0].Message);
            enrolled.Add(await EmbeddingOfAsync(summary.Subject!.SubjectId));
            others.Add(Embed(photos[1]));
        }

        var genuine = Enumerable.Range(0, people.Count).Select(i => Cosine(enrolled[i], others[i])).ToArray();
        var impostor = Enumerable.Range(0, people.Count)
            .SelectMany(i => Enumerable.Range(0, people.Count).Where(j => j != i).Select(j => Cosine(enrolled[i], others[j])))
            .ToArray();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"HR cosine: genuine mean {genuine.Average():F3} (min {genuine.Min():F3}), impostor mean {impostor.Average():F3} (max {impostor.Max():F3})");

        var rankOne = Enumerable.Range(0, people.Count).Count(i => Enumerable.Range(0, people.Count).All(j => j == i || Cosine(enrolled[i], others[i]) > Cosine(enrolled[i], others[j])));
        // The teacher's space is narrow: dlib's impostor pairs already reach cosine ~0.8 (docs/enrollment.md).
        Assert.True(genuine.Average() > impostor.Average() + 0.05, $"genuine {genuine.Average():F3} vs impostor {impostor.Average():F3}");
        Assert.True(rankOne >= people.Count - 1, $"only {rankOne} of {people.Count} enrolled photos are closest to their own person");
    }

    private static EnrollmentRequest Request(string watchlist, string subject, params string[] images) =>
        new(watchlist, subject, EnrollmentFixture.Settings, images);

    private static double Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();

    private float[] Embed(string path)
    {
        using var image = Cv2.ImRead(path);
        var (face, _, reason) = new EnrollmentFaces(fixture.Detector, fixture.Embedder.ChipSize).Prepare(image, TestContext.Current.CancellationToken);
        Assert.True(face is not null, reason);
        return fixture.Embedder.Embed(face.RgbChip);
    }

    private async Task<float[]> EmbeddingOfAsync(Guid subjectId)
    {
        await using var command = fixture.DataSource.CreateCommand("SELECT embedding FROM subject_faces WHERE subject_id = $1");
        command.Parameters.Add(new() { Value = subjectId });
        return ((Vector)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!).ToArray();
    }

    private sealed class InlineProgress(Action<EnrollmentProgress> report) : IProgress<EnrollmentProgress>
    {
        public void Report(EnrollmentProgress value) => report(value);
    }
}
