using Aird.Stream.Messaging.Tests.Brokers;

namespace Aird.Stream.Messaging.Tests;

/// <summary>The shared messaging tests against librdkafka's mock cluster, which this machine can always host.</summary>
public sealed class MockBrokerMessagingTests(MockBrokerFixture fixture) : MessagingTests, IClassFixture<MockBrokerFixture>
{
    protected override IKafkaTestBroker Broker => fixture;
}
