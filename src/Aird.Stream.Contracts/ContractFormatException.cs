namespace Aird.Stream.Contracts;

/// <summary>Bytes that are not a valid message of the expected contract, or of a schema version this build does not know.</summary>
public sealed class ContractFormatException : Exception
{
    public ContractFormatException(string message)
        : base(message)
    {
    }

    public ContractFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
