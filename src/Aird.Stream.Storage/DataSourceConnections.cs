using System.Net.Sockets;
using Npgsql;

namespace Aird.Stream.Storage;

/// <summary>Opens connections and turns the ways that can fail into one clear <see cref="DatabaseUnavailableException"/>.</summary>
public static class DataSourceConnections
{
    /// <exception cref="DatabaseUnavailableException">The server is unreachable, silent or refuses the login.</exception>
    public static async Task<NpgsqlConnection> OpenCheckedAsync(this NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        try
        {
            return await dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DatabaseUnavailableException($"Cannot connect to PostgreSQL at {Describe(dataSource)}: {Cause(dataSource, e)}.", e);
        }
        catch (TimeoutException e)
        {
            throw new DatabaseUnavailableException($"Cannot connect to PostgreSQL at {Describe(dataSource)}: {Cause(dataSource, e)}.", e);
        }
    }

    /// <summary>Where the data source points, without the password (<see cref="NpgsqlDataSource.ConnectionString"/> omits it).</summary>
    internal static string Describe(NpgsqlDataSource dataSource)
    {
        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        return $"{settings.Host}:{settings.Port} (database {settings.Database ?? settings.Username}, user {settings.Username})";
    }

    private static string Cause(NpgsqlDataSource dataSource, Exception e)
    {
        var timeout = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).Timeout;
        for (var current = e; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    return $"{postgres.MessageText} (SQLSTATE {postgres.SqlState})";
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return "connection refused: nothing listens on that port (is the server running?)";
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain }:
                    return "host name not found";
                case SocketException socket:
                    return socket.Message;
                case TimeoutException:
                    return $"no answer within {timeout} s (the connection string's Timeout)";
            }
        }

        return e.Message;
    }
}
