using System.Diagnostics;
using System.Globalization;

namespace Aird.Stream.Cli.Benchmarks;

/// <summary>
/// Progress of a benchmark on stderr, so that stdout keeps only the results: a line per step, and on a terminal
/// the measured seconds of the running step updated in place a few times a second.
/// </summary>
internal sealed class BenchProgress(string command, int steps)
{
    private static readonly TimeSpan UpdateInterval = TimeSpan.FromMilliseconds(250);
    private readonly bool _live = !Console.IsErrorRedirected;
    private int _step;
    private long _lastUpdate;
    private string _label = string.Empty;
    private TimeSpan _duration;
    private TimeSpan _measured;

    public void Begin(string label, TimeSpan duration)
    {
        _step++;
        _label = string.Create(CultureInfo.InvariantCulture, $"{command} [{_step}/{steps}] {label}");
        _duration = duration;
        _measured = TimeSpan.Zero;
        _lastUpdate = Stopwatch.GetTimestamp();
        Write(_live
            ? $"\r{_label}: warming up"
            : string.Create(CultureInfo.InvariantCulture, $"{_label}: measuring for {duration.TotalSeconds:0.#} s\n"));
    }

    /// <summary>Adds measured time to the running step.</summary>
    public void Report(TimeSpan measured)
    {
        _measured += measured;
        if (_live && Stopwatch.GetElapsedTime(_lastUpdate) >= UpdateInterval)
        {
            _lastUpdate = Stopwatch.GetTimestamp();
            Write(string.Create(CultureInfo.InvariantCulture, $"\r{_label}: {_measured.TotalSeconds:0.0}/{_duration.TotalSeconds:0.0} s  "));
        }
    }

    public void End(string result)
    {
        if (_live)
        {
            Write($"\r{_label}: {result}            \n");
        }
    }

    private static void Write(string text)
    {
        Console.Error.Write(text);
        Console.Error.Flush();
    }
}
