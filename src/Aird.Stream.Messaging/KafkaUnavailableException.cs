namespace Aird.Stream.Messaging;

/// <summary>Kafka did not answer in time: a wrong address, a broker that is down, or a topic it does not serve.</summary>
public sealed class KafkaUnavailableException : Exception
{
    public KafkaUnavailableException()
    {
    }

    public KafkaUnavailableException(string message)
        : base(message)
    {
    }

    public KafkaUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
