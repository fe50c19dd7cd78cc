using System.Security.Cryptography;
using Aird.Stream.Storage.Watchlists;
using Aird.Stream.Vision.Detection;
using Microsoft.Extensions.Logging;
using OpenCvSharp;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace Aird.Stream.Enrollment;

/// <summary>
/// Enrolls a subject from photos: each image is decoded, its largest face detected, aligned and embedded with the
/// recognizer's model (<see cref="EnrollmentEmbedder"/>), and stored with its detector score as quality and the
/// SHA-256 of the file, so that enrolling the same image again adds nothing. The watchlist and the subject are
/// created with the first usable face; an enrollment without one writes nothing. No image or thumbnail is kept.
/// </summary>
public sealed partial class SubjectEnroller
{
    private readonly EnrollmentFaces _faces;
    private readonly EnrollmentEmbedder _embedder;
    private readonly WatchlistStore _store;
    private readonly ILogger<SubjectEnroller> _logger;

    /// <param name="detector">A detector set up with <see cref="UseEnrollmentFaceRange"/>.</param>
    public SubjectEnroller(BlazeFaceDetector detector, EnrollmentEmbedder embedder, WatchlistStore store, ILogger<SubjectEnroller> logger)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(logger);
        _faces = new EnrollmentFaces(detector, embedder.ChipSize);
        _embedder = embedder;
        _store = store;
        _logger = logger;
    }

    /// <summary>Sets a detector's face range to the one enrollment photos are searched at (32-512 px in the photo
    /// shrunk to at most 512 px); the other detector settings stay as configured.</summary>
    public static void UseEnrollmentFaceRange(FaceDetectorOptions options) => EnrollmentFaces.UseFaceRange(options);

    /// <param name="progress">Told the outcome of each image as soon as it is final, with the count so far.</param>
    /// <exception cref="ArgumentException">The names are blank or the new watchlist's settings are invalid.</exception>
    /// <exception cref="Storage.DatabaseUnavailableException">PostgreSQL cannot be reached.</exception>
    public async Task<EnrollmentSummary> EnrollAsync(EnrollmentRequest request, IProgress<EnrollmentProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Watchlist, nameof(request));
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Subject, nameof(request));
        if (request.NewWatchlist.Problem() is { } problem)
        {
            throw new ArgumentException($"Watchlist '{request.Watchlist}': {problem}.", nameof(request));
        }

        var results = new List<ImageResult>();
        StoredWatchlist? watchlist = null;
        StoredSubject? subject = null;
        var paths = EnrollmentImages.Expand(request.Images);
        foreach (var path in paths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (face, hash, failure) = Prepare(path, cancellationToken);
            ImageResult result;
            if (face is null)
            {
                result = failure!;
            }
            else
            {
                watchlist ??= await _store.GetOrCreateWatchlistAsync(request.Watchlist, request.NewWatchlist, cancellationToken);
                subject ??= await _store.GetOrCreateSubjectAsync(watchlist.WatchlistId, request.Subject, cancellationToken);
                var embedding = _embedder.Embed(face.RgbChip);
                var added = await _store.AddFaceAsync(subject.SubjectId, new SubjectFace(embedding, _embedder.Version, face.Score, hash), cancellationToken);
                result = new ImageResult(
                    path,
                    added ? ImageOutcome.Enrolled : ImageOutcome.AlreadyEnrolled,
                    (added ? "enrolled" : "already enrolled from this image") + (face.Note is null ? string.Empty : $" ({face.Note})"),
                    face.Score);
            }

            LogImage(path, result.Outcome, result.Message);
            results.Add(result);
            progress?.Report(new EnrollmentProgress(results.Count, paths.Count, result));
        }

        return new EnrollmentSummary(results, watchlist, subject, _embedder.Version);
    }

    private (PreparedFace? Face, byte[] Hash, ImageResult? Failure) Prepare(string path, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : $"cannot be read: {e.Message}";
            return (null, [], new ImageResult(path, ImageOutcome.Unreadable, reason));
        }

        using var image = Decode(bytes);
        if (image is null)
        {
            return (null, [], new ImageResult(path, ImageOutcome.Unreadable, "not an image that can be decoded (JPEG, PNG, BMP, WebP, TIFF, PNM)"));
        }

        var (face, outcome, why) = _faces.Prepare(image, cancellationToken);
        return face is null
            ? (null, [], new ImageResult(path, outcome, why))
            : (face, SHA256.HashData(bytes), null);
    }

    private static Mat? Decode(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return null;
        }

        try
        {
            // Grey-scale and 16-bit images come back as 8-bit BGR, as the detector and the model take them.
            var image = Cv2.ImDecode(bytes, ImreadModes.Color);
            if (!image.Empty())
            {
                return image;
            }

            image.Dispose();
            return null;
        }
        catch (OpenCVException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Enrollment image {Path}: {Outcome}, {Detail}")]
    private partial void LogImage(string path, ImageOutcome outcome, string detail);
}
