using Aird.Stream.Messaging.Tests.Brokers;

namespace Aird.Stream.Messaging.Tests;

/// <summary>The batch-mode tests against Apache Kafka in a container, wherever a Docker engine answers.</summary>
public sealed class KafkaContainerBatchMessagingTests(KafkaContainerFixture fixture) : BatchMessagingTests, IClassFixture<KafkaContainerFixture>
{
    protected override IKafkaTestBroker Broker
    {
        get
        {
            if (fixture.UnavailableReason is { } reason)
            {
                Assert.Skip(reason);
            }

            return fixture;
        }
    }
}
