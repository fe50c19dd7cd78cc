namespace Aird.Stream.Storage.Migrations;

/// <summary>The database's migration history and the program's scripts disagree, or a script failed.</summary>
public sealed class MigrationException : Exception
{
    public MigrationException()
    {
    }

    public MigrationException(string message)
        : base(message)
    {
    }

    public MigrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
