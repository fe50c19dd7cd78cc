namespace Aird.Stream.Testing;

/// <summary>The Kafka settings a worker under test needs against the in-process mock broker.</summary>
public static class MockBrokerSettings
{
    public static Dictionary<string, string?> For(string bootstrapServers, string clientId) => new()
    {
        ["Kafka:BootstrapServers"] = bootstrapServers,
        ["Kafka:ClientId"] = clientId,
        ["Kafka:MessageTimeoutMs"] = "10000",
        ["Kafka:StartupTimeoutMs"] = "10000",
        ["Kafka:CommitIntervalMs"] = "200",
        ["Kafka:RetryBackoffMs"] = "10",

        // The mock re-forms a classic group only after the session timeout: keep it short.
        ["Kafka:SessionTimeoutMs"] = "1500",
        ["Kafka:HeartbeatIntervalMs"] = "300",
    };
}
