namespace Aird.Stream.Cli.Pipeline;

/// <summary>The settings do not describe a pipeline that can run (e.g. no cameras); the message says what to set.</summary>
public sealed class PipelineSetupException : Exception
{
    public PipelineSetupException()
    {
    }

    public PipelineSetupException(string message)
        : base(message)
    {
    }

    public PipelineSetupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
