using Aird.Stream.Cli;
using Aird.Stream.Cli.Hosting;

namespace Aird.Stream.Cli.Tests;

public class ConfigurationTests
{
    [Fact]
    public void Appsettings_provide_the_defaults()
    {
        var builder = AirdHost.CreateBuilder(AirdCommandLine.Create().Parse(["db", "migrate"]));

        Assert.Equal("Information", builder.Configuration["Logging:LogLevel:Default"]);
    }

    [Fact]
    public void Prefixed_environment_variables_override_appsettings_and_the_command_line_overrides_both()
    {
        const string variable = AirdHost.EnvironmentPrefix + "Logging__LogLevel__Default";
        Environment.SetEnvironmentVariable(variable, "Warning");
        try
        {
            var fromEnvironment = AirdHost.CreateBuilder(AirdCommandLine.Create().Parse(["db", "migrate"]));
            var fromCommandLine = AirdHost.CreateBuilder(
                AirdCommandLine.Create().Parse(["db", "migrate", "--Logging:LogLevel:Default=Debug"]));

            Assert.Equal("Warning", fromEnvironment.Configuration["Logging:LogLevel:Default"]);
            Assert.Equal("Debug", fromCommandLine.Configuration["Logging:LogLevel:Default"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}
