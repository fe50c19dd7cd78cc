using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace Aird.Stream.Messaging;

/// <summary>
/// Routes one client's librdkafka logs and errors to <see cref="ILogger"/> and remembers the latest error, so that a
/// timeout can say what went wrong (e.g. "Connect to ipv4#127.0.0.1:9092 failed: Connection refused").
/// Handlers never touch the client itself: librdkafka may log while the client is still being constructed.
/// </summary>
internal sealed class ClientDiagnostics(ILogger logger, string client)
{
    private volatile string? lastError;

    public string LastErrorOr(string fallback) => lastError ?? fallback;

    public void OnError(IClient source, Error error)
    {
        lastError = error.Reason;
        if (error.IsFatal)
        {
            MessagingLog.ClientFatal(logger, client, error.Code, error.Reason);
        }
        else
        {
            MessagingLog.ClientError(logger, client, error.Code, error.Reason);
        }
    }

    public void OnLog(IClient source, LogMessage message)
    {
        var level = ToLogLevel(message.Level);
        MessagingLog.Librdkafka(logger, level, client, message.Facility, message.Message);
    }

    private static LogLevel ToLogLevel(SyslogLevel level) => level switch
    {
        SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical => LogLevel.Critical,
        SyslogLevel.Error => LogLevel.Error,
        SyslogLevel.Warning => LogLevel.Warning,
        SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
        _ => LogLevel.Debug,
    };
}
