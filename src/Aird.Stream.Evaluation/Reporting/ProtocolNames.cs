namespace Aird.Stream.Evaluation.Reporting;

/// <summary>The <c>protocol</c> values of the report (docs/evaluation.md).</summary>
public static class ProtocolNames
{
    public const string HighResolution = "hr";
    public const string OneSideLowResolution = "one_side_lr";
    public const string BothSideLowResolution = "both_side_lr";
    public const string OpenSet = "open_set";
    public const string CameraShift = "camera_shift";
}
