using Aird.Stream.Enrollment;
using Aird.Stream.Models.Runtime;
using Aird.Stream.Recognizer;
using Aird.Stream.Storage;
using Aird.Stream.Storage.Watchlists;
using Aird.Stream.Vision.Detection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aird.Stream.Cli.Hosting;

/// <summary>
/// Enrollment as the commands compose it (<c>aird enroll</c>, <c>aird demo</c>): the recognizer's model, so that
/// enrolled and live embeddings share one model version, and the detector at the enrollment face range.
/// </summary>
internal sealed class LocalEnrollment : IDisposable
{
    private readonly EnrollmentEmbedder _embedder;

    private LocalEnrollment(EnrollmentEmbedder embedder, SubjectEnroller enroller)
    {
        _embedder = embedder;
        Enroller = enroller;
    }

    public SubjectEnroller Enroller { get; }

    public static void AddTo(IServiceCollection services, IConfiguration configuration)
    {
        services.AddAirdStorage(configuration);
        services.AddLocalRecognizer(configuration);
        services.AddLocalFaceDetection(configuration);
        services.PostConfigure<FaceDetectorOptions>(SubjectEnroller.UseEnrollmentFaceRange);
    }

    /// <summary>Opens the recognizer's model for enrollment, from services registered by <see cref="AddTo"/>.</summary>
    /// <exception cref="FileNotFoundException">The recognizer's model is missing.</exception>
    public static LocalEnrollment Open(IServiceProvider services)
    {
        var recognizer = services.GetRequiredService<IOptions<RecognizerOptions>>().Value;
        var embedder = EnrollmentEmbedder.Open(
            services.GetRequiredService<OnnxSessionFactory>(),
            recognizer.Model,
            recognizer.FaceBn,
            new OnnxRuntimeOptions { Provider = recognizer.Provider, IntraOpThreads = recognizer.IntraOpThreads });
        return new LocalEnrollment(embedder, new SubjectEnroller(
            services.GetRequiredService<BlazeFaceDetector>(),
            embedder,
            services.GetRequiredService<WatchlistStore>(),
            services.GetRequiredService<ILogger<SubjectEnroller>>()));
    }

    public void Dispose() => _embedder.Dispose();
}
