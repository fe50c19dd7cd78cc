namespace Aird.Stream.Storage;

/// <summary>
/// PostgreSQL could not be reached or refused the login. The message names the server (host:port, database, user)
/// and the cause; it never contains the password.
/// </summary>
public sealed class DatabaseUnavailableException : Exception
{
    public DatabaseUnavailableException()
    {
    }

    public DatabaseUnavailableException(string message)
        : base(message)
    {
    }

    public DatabaseUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
