using Aird.Stream.Cli.Hosting;
using Aird.Stream.Enrollment;
using Aird.Stream.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Aird.Stream.Cli.Pipeline;

/// <summary>
/// Enrolls demo people through the enrollment library, composed as <c>aird enroll</c> composes it: the recognizer's
/// model and the detector at the enrollment face range. Its host stays open afterwards for the database reads of
/// the demo's report.
/// </summary>
internal sealed class DemoEnrollment : IDisposable
{
    private readonly IHost _host;

    public DemoEnrollment(HostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        LocalEnrollment.AddTo(builder.Services, builder.Configuration);
        _host = builder.Build();
    }

    public IServiceProvider Services => _host.Services;

    /// <summary>Enrolls each request in turn (an image already enrolled adds nothing).</summary>
    /// <exception cref="DatabaseUnavailableException">PostgreSQL cannot be reached.</exception>
    /// <exception cref="FileNotFoundException">The recognizer's model is missing.</exception>
    public async Task<IReadOnlyList<EnrollmentSummary>> EnrollAsync(IReadOnlyList<EnrollmentRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        using var enrollment = LocalEnrollment.Open(Services);
        var summaries = new List<EnrollmentSummary>();
        foreach (var request in requests)
        {
            summaries.Add(await enrollment.Enroller.EnrollAsync(request, progress: null, cancellationToken));
        }

        return summaries;
    }

    public void Dispose() => _host.Dispose();
}
