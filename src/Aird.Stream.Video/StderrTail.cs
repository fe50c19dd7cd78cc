namespace Aird.Stream.Video;

/// <summary>The last lines a child process wrote to stderr, bounded so a chatty ffmpeg cannot grow memory.</summary>
internal sealed class StderrTail(int maxLines = 8, int maxLineLength = 400)
{
    private readonly Queue<string> lines = new();
    private readonly Lock gate = new();

    public void Add(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        var trimmed = line.Trim();
        if (trimmed.Length > maxLineLength)
        {
            trimmed = string.Concat(trimmed.AsSpan(0, maxLineLength), "...");
        }

        lock (gate)
        {
            lines.Enqueue(trimmed);
            if (lines.Count > maxLines)
            {
                lines.Dequeue();
            }
        }
    }

    /// <summary>The lines joined with " | ", or "(nothing on stderr)".</summary>
    public override string ToString()
    {
        lock (gate)
        {
            return lines.Count == 0 ? "(nothing on stderr)" : string.Join(" | ", lines);
        }
    }
}
