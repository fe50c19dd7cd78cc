using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aird.Stream.Cli.Hosting;

/// <summary>Builds the generic host behind every command: configuration, logging, DI.</summary>
internal static class AirdHost
{
    public const string EnvironmentPrefix = "AIRD_";

    /// <summary>
    /// Configuration sources, later winning: appsettings.json, appsettings.{Environment}.json next to the executable,
    /// environment variables (plain and AIRD_-prefixed), then the command's unmatched <c>--Section:Key=value</c> tokens.
    /// </summary>
    public static HostApplicationBuilder CreateBuilder(ParseResult parseResult)
    {
        var configArgs = parseResult.UnmatchedTokens.ToArray();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = configArgs,
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = "aird",
        });
        builder.Configuration.AddEnvironmentVariables(EnvironmentPrefix);
        builder.Configuration.AddCommandLine(configArgs);

        // Logs go to stderr so that a command's own output on stdout stays machine-readable.
        builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(15));
        return builder;
    }
}
