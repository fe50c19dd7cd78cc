using System.Globalization;
using Aird.Stream.Training;

namespace Aird.Stream.Cli.Hosting;

/// <summary>Training progress on stderr: a bar with the running losses, redrawn in place on a terminal, a line per report otherwise.</summary>
internal sealed class TrainingConsoleProgress : IProgress<TrainingProgress>
{
    private const int Width = 24;
    private readonly bool _interactive = !Console.IsErrorRedirected;

    public void Report(TrainingProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var filled = value.Step * Width / Math.Max(1, value.StepsPerEpoch);
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"epoch {value.Epoch}/{value.Epochs} [{new string('#', filled)}{new string('.', Width - filled)}] {value.Step}/{value.StepsPerEpoch} " +
            $"loss {value.Loss:F4} (1-cos {value.FeatureAlignment:F4}, pred {value.PredictionAgreement:F4}, rel {value.Relation:F4}) " +
            $"lr {value.LearningRate:G3} {value.ImagesPerSecond:F0} img/s");
        if (_interactive)
        {
            Console.Error.Write($"\r{text}");
            if (value.Step >= value.StepsPerEpoch)
            {
                Console.Error.WriteLine();
            }
        }
        else
        {
            Console.Error.WriteLine(text);
        }
    }
}
