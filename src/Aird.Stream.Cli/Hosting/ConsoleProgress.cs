using Aird.Stream.Evaluation.Pipeline;

namespace Aird.Stream.Cli.Hosting;

/// <summary>
/// A progress bar on stderr for long jobs: redrawn in place on a terminal, a line every tenth of the stage when
/// stderr is a file or pipe (CI logs stay readable).
/// </summary>
internal sealed class ConsoleProgress : IProgress<EvaluationProgress>
{
    private const int Width = 30;
    private readonly bool interactive = !Console.IsErrorRedirected;
    private string stage = string.Empty;
    private int lastTenth = -1;

    public void Report(EvaluationProgress value)
    {
        if (value.Stage != stage)
        {
            stage = value.Stage;
            lastTenth = -1;
        }

        var fraction = value.Total == 0 ? 1 : value.Done / (double)value.Total;
        if (interactive)
        {
            var filled = (int)(fraction * Width);
            Console.Error.Write($"\r{stage,-16} [{new string('#', filled)}{new string('.', Width - filled)}] {value.Done}/{value.Total}");
            if (value.Done >= value.Total)
            {
                Console.Error.WriteLine();
            }

            return;
        }

        var tenth = (int)(fraction * 10);
        if (tenth != lastTenth)
        {
            lastTenth = tenth;
            Console.Error.WriteLine($"{stage}: {value.Done}/{value.Total}");
        }
    }
}
