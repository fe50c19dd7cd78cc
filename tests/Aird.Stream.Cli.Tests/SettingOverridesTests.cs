using Aird.Stream.Cli.Hosting;

namespace Aird.Stream.Cli.Tests;

public class SettingOverridesTests
{
    [Theory]
    [InlineData("--Kafka:BootstrapServers=127.0.0.1:9092")]
    [InlineData("--Logging:LogLevel:Default=Debug")]
    [InlineData("--Postgres:ConnectionString=Host=db;Port=5432")]
    [InlineData("--Kafka:Topics:Crops=")]
    public void Section_key_value_tokens_are_settings(string token) =>
        Assert.Empty(SettingOverrides.FindInvalid([token]));

    [Theory]
    [InlineData("--conection")]
    [InlineData("--Kafka=1")]
    [InlineData("--Kafka:BootstrapServers")]
    [InlineData("stray")]
    [InlineData("-Kafka:BootstrapServers=x")]
    public void Anything_else_is_reported(string token) =>
        Assert.Equal([token], SettingOverrides.FindInvalid([token]));
}
