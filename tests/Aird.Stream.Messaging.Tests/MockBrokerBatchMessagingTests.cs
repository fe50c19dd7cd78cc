using Aird.Stream.Messaging.Tests.Brokers;

namespace Aird.Stream.Messaging.Tests;

/// <summary>The batch-mode tests against librdkafka's mock cluster, which this machine can always host.</summary>
public sealed class MockBrokerBatchMessagingTests(MockBrokerFixture fixture) : BatchMessagingTests, IClassFixture<MockBrokerFixture>
{
    protected override IKafkaTestBroker Broker => fixture;
}
