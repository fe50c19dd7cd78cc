using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Aird.Stream.Storage.Migrations;
using Aird.Stream.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Aird.Stream.Storage.Tests;

/// <summary>An unreachable, silent or refusing server gives one clear error, quickly, without the password.</summary>
public class ConnectionErrorTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Nothing_listening_on_the_port_names_host_port_and_refusal()
    {
        var port = FreePort();
        var connectionString = With(settings => settings.Port = port);

        var (error, elapsed) = await MigrateExpectingFailureAsync(connectionString);

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("connection refused", error.Message, StringComparison.Ordinal);
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"took {elapsed}");
    }

    [Fact]
    public async Task Wrong_password_says_authentication_failed_and_does_not_echo_the_password()
    {
        const string password = "not-the-password-4711";
        var connectionString = With(settings => settings.Password = password);

        var (error, _) = await MigrateExpectingFailureAsync(connectionString);

        Assert.Contains("password authentication failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("SQLSTATE 28P01", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(password, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_that_accepts_but_never_answers_fails_within_the_connection_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var connectionString = With(settings =>
        {
            settings.Port = port;
            settings.Timeout = 2;
        });

        var (error, elapsed) = await MigrateExpectingFailureAsync(connectionString);

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("no answer within 2 s", error.Message, StringComparison.Ordinal);
        Assert.InRange(elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8));
    }

    private static async Task<(DatabaseUnavailableException Error, TimeSpan Elapsed)> MigrateExpectingFailureAsync(string connectionString)
    {
        await using var dataSource = TestPostgres.CreateDataSource(connectionString);
        var runner = new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance);
        var stopwatch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<DatabaseUnavailableException>(() => runner.MigrateAsync(Cancel));
        return (error, stopwatch.Elapsed);
    }

    private static string With(Action<NpgsqlConnectionStringBuilder> change)
    {
        // Pooling off: a failed attempt must not be served from, or poison, a pool shared with other tests.
        var settings = new NpgsqlConnectionStringBuilder(TestPostgres.ServerConnectionString) { Host = "127.0.0.1", Pooling = false };
        change(settings);
        return settings.ConnectionString;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
