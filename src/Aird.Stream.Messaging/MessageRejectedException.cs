namespace Aird.Stream.Messaging;

/// <summary>
/// Thrown by a <see cref="KafkaConsumerLoop{T}"/> handler for a message whose content can never be handled (e.g. an
/// image that does not decode): the loop dead-letters it at once with this message as the reason, without retries.
/// </summary>
public sealed class MessageRejectedException : Exception
{
    public MessageRejectedException()
    {
    }

    public MessageRejectedException(string message)
        : base(message)
    {
    }

    public MessageRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
