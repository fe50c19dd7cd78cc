using System.CommandLine;
using Aird.Stream.Cli.Commands;
using Aird.Stream.Cli.Hosting;
using Aird.Stream.Cli.Pipeline;

namespace Aird.Stream.Cli;

/// <summary>The root of the <c>aird</c> command line. Every command listed here works end to end.</summary>
public static class AirdCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand(
            "Aird.Stream: low-resolution face recognition for surveillance video.\n" +
            "Settings come from appsettings.json, environment variables (AIRD_Section__Key) and " +
            "--Section:Key=value arguments, later ones winning.");
        root.Subcommands.Add(DbCommand.Create());
        root.Subcommands.Add(DevKafkaCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(EnrollCommand.Create());
        root.Subcommands.Add(RoleCommand.Create(
            "ingest",
            "The ingest role: reads the cameras (Cameras:Items, or the watched JSON file named by Ingest:CamerasFile), finds, tracks and aligns small faces and publishes the best shots to aird.faces.crops. Settings: Cameras, Ingest, Vision:Detector, Kafka.",
            PipelineRoles.AddIngest));
        root.Subcommands.Add(RoleCommand.Create(
            "recognize",
            "The recognizer role: embeds the face crops of aird.faces.crops with the student (per-camera FaceBN state in PostgreSQL) and publishes aird.faces.embeddings. Settings: Recognizer, Kafka, Postgres.",
            PipelineRoles.AddRecognizer));
        root.Subcommands.Add(RoleCommand.Create(
            "match",
            "The matcher role: stores the sightings of aird.faces.embeddings, matches them against the active watchlists and publishes aird.alerts. Settings: Matcher, Kafka, Postgres.",
            PipelineRoles.AddMatcher));
        AcceptSettingOverrides(root);
        return root;
    }

    /// <summary>Parses <paramref name="args"/> and runs the chosen command; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var parseResult = Create().Parse(args);
        var invalid = SettingOverrides.FindInvalid(parseResult.UnmatchedTokens);
        if (invalid.Count > 0)
        {
            await Console.Error.WriteLineAsync(
                $"Unrecognized argument '{invalid[0]}'. Options are listed by --help; settings are given as --Section:Key=value.");
            return 1;
        }

        // Ctrl+C and SIGTERM cancel the command's token, so long-running commands stop gracefully.
        return await parseResult.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(15) });
    }

    private static void AcceptSettingOverrides(Command command)
    {
        command.TreatUnmatchedTokensAsErrors = false;
        foreach (var subcommand in command.Subcommands)
        {
            AcceptSettingOverrides(subcommand);
        }
    }
}
