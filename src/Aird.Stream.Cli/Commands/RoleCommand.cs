using System.CommandLine;
using Aird.Stream.Cli.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Aird.Stream.Cli.Commands;

/// <summary>A role of the service (<c>aird recognize</c>, <c>aird match</c>): its hosted workers run until Ctrl+C or SIGTERM.</summary>
internal static class RoleCommand
{
    public static Command Create(string name, string description, Action<HostApplicationBuilder> addRole)
    {
        var command = new Command(name, description);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var builder = AirdHost.CreateBuilder(parseResult);
            addRole(builder);
            using var host = builder.Build();
            try
            {
                await host.RunAsync(cancellationToken);
                return 0;
            }
            catch (OptionsValidationException e)
            {
                await Console.Error.WriteLineAsync($"aird {name}: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
