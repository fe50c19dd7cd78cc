namespace Aird.Stream.Matching.Alerts;

public enum AlertChange
{
    /// <summary>A new alert: store it and tell the operators.</summary>
    Raised,

    /// <summary>A further face of an alerted track: update the stored alert, tell nobody.</summary>
    Folded,
}
