namespace Aird.Stream.Recognition.FaceBn;

/// <summary>A stored FaceBN state that is damaged or belongs to another model, so it cannot be used.</summary>
public sealed class FaceBnStateFormatException : FormatException
{
    public FaceBnStateFormatException()
    {
    }

    public FaceBnStateFormatException(string message)
        : base(message)
    {
    }

    public FaceBnStateFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
