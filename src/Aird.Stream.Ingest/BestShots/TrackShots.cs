namespace Aird.Stream.Ingest.BestShots;

/// <summary>What <see cref="BestShotSelector"/> remembers of one track.</summary>
internal sealed class TrackShots
{
    // The last sends only: the window is full when the oldest of the last K is younger than the window.
    private readonly Queue<DateTimeOffset> _sent = new();

    public int Frames { get; set; }

    /// <summary>The quality of the crop the worker holds for the track, if any.</summary>
    public double? Kept { get; set; }

    public double? BestSent { get; private set; }

    public bool WindowAllows(DateTimeOffset time, BestShotOptions options) =>
        _sent.Count < options.MaxShotsPerWindow || time - _sent.Peek() >= options.Window;

    public void Sent(DateTimeOffset time, double quality, BestShotOptions options)
    {
        _sent.Enqueue(time);
        if (_sent.Count > options.MaxShotsPerWindow)
        {
            _sent.Dequeue();
        }

        BestSent = Math.Max(BestSent ?? quality, quality);
        Kept = null;
    }
}
