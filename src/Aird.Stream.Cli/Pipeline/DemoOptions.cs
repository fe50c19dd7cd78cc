using System.CommandLine;
using Aird.Stream.Cli.Hosting;

namespace Aird.Stream.Cli.Pipeline;

/// <summary>The options of the demo clip and cast, shared by <c>aird demo</c> and <c>aird bench pipeline</c>.</summary>
internal sealed class DemoOptions(int defaultSeconds)
{
    private readonly Option<string> _lfw = new("--lfw")
    {
        Description = "LFW's folder (peopleDevTest.txt, lfw-deepfunneled/). Default: ../shared/data/lfw beside the checkout.",
        DefaultValueFactory = _ => RepositoryLayout.Lfw,
    };

    private readonly Option<string> _output = new("--out")
    {
        Description = "Folder for the clip (demo.mp4).",
        DefaultValueFactory = _ => Path.Combine("out", "demo"),
    };

    private readonly Option<int> _seconds = new("--seconds") { Description = "Clip length in seconds.", DefaultValueFactory = _ => defaultSeconds };

    private readonly Option<int> _people = new("--people") { Description = "People in the clip.", DefaultValueFactory = _ => 8 };

    private readonly Option<int> _enrolled = new("--enrolled")
    {
        Description = "How many of them are enrolled, from their other LFW images.",
        DefaultValueFactory = _ => 5,
    };

    private readonly Option<bool> _fullHd = new("--full-hd") { Description = "1920x1080 instead of 1280x720." };

    private readonly Option<double> _fps = new("--camera-fps")
    {
        Description = "Frames per second a camera samples from the clip.",
        DefaultValueFactory = _ => 2,
    };

    private readonly Option<int> _seed = new("--seed") { Description = "Picks the people and the background.", DefaultValueFactory = _ => 1 };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { _lfw, _output, _seconds, _people, _enrolled, _fullHd, _fps, _seed })
        {
            command.Options.Add(option);
        }
    }

    public DemoSettings Read(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var (width, height) = parseResult.GetValue(_fullHd) ? (1920, 1080) : (1280, 720);
        return new DemoSettings(
            parseResult.GetValue(_lfw)!,
            parseResult.GetValue(_output)!,
            TimeSpan.FromSeconds(parseResult.GetValue(_seconds)),
            parseResult.GetValue(_people),
            parseResult.GetValue(_enrolled),
            width,
            height,
            parseResult.GetValue(_fps),
            parseResult.GetValue(_seed));
    }
}
