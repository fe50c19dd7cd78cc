namespace Aird.Stream.Recognition.FaceBn;

/// <summary>
/// The momentum m with which a batch of a camera's faces moves that camera's running statistics.
/// </summary>
/// <remarks>
/// m = max( n / (P + seen + n),  1 - (1 - m_min)^n )  for a batch of n faces after <c>seen</c> faces.
/// <para>
/// Warm-up, the first term, is a cumulative average: the training statistics count as P faces and every face seen
/// weighs the same, so the state is the pooled statistics of all faces so far whatever the batch sizes were
/// (a fixed m of 0.1 would let a one-face first batch move the state as far as a batch of 64). P keeps a camera's
/// first handful of faces from replacing the training statistics outright.
/// </para>
/// <para>
/// After about 1/m_min faces the floor, an exponential forgetting of m_min per face, takes over so that the state
/// follows slow changes of the scene (daylight, weather, a re-aimed camera) over a window of about 1/m_min faces.
/// Expressing the floor per face rather than per batch keeps the forgetting rate independent of how the worker
/// happened to batch a camera's faces.
/// </para>
/// </remarks>
public sealed class MomentumSchedule
{
    public const double DefaultPriorFaces = 16;

    public const double DefaultMinimumPerFace = 0.002;

    public MomentumSchedule(double priorFaces = DefaultPriorFaces, double minimumPerFace = DefaultMinimumPerFace)
    {
        if (!(priorFaces >= 0) || double.IsInfinity(priorFaces))
        {
            throw new ArgumentOutOfRangeException(nameof(priorFaces), priorFaces, "The prior weight in faces must be finite and not negative.");
        }

        // Zero would freeze a camera forever once warm-up fades; one would forget everything but the last face.
        if (!(minimumPerFace > 0 && minimumPerFace < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(minimumPerFace), minimumPerFace, "The minimum momentum per face must lie in (0, 1).");
        }

        PriorFaces = priorFaces;
        MinimumPerFace = minimumPerFace;
    }

    public static MomentumSchedule Default { get; } = new();

    /// <summary>How many faces the training statistics weigh at the start of a camera.</summary>
    public double PriorFaces { get; }

    /// <summary>The smallest momentum per face, reached after about 1 / MinimumPerFace faces.</summary>
    public double MinimumPerFace { get; }

    /// <summary>The momentum, in (0, 1], for a batch of <paramref name="batchFaces"/> faces after <paramref name="facesSeen"/>.</summary>
    public double For(long facesSeen, int batchFaces)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(facesSeen);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchFaces);
        var cumulative = batchFaces / (PriorFaces + facesSeen + batchFaces);
        var floor = 1 - Math.Pow(1 - MinimumPerFace, batchFaces);
        return Math.Max(cumulative, floor);
    }
}
