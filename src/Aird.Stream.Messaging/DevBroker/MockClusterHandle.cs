using Microsoft.Win32.SafeHandles;

namespace Aird.Stream.Messaging.DevBroker;

/// <summary>A librdkafka mock cluster together with the client handle that owns it; the cluster must go first.</summary>
internal sealed unsafe class MockClusterHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private readonly IntPtr client;

    private MockClusterHandle(IntPtr client, IntPtr cluster)
        : base(ownsHandle: true)
    {
        this.client = client;
        SetHandle(cluster);
    }

    /// <exception cref="InvalidOperationException">librdkafka refused to create the client or the cluster.</exception>
    public static MockClusterHandle Create(int brokerCount)
    {
        Librdkafka.EnsureResolvable();
        var client = CreateHostClient();
        var cluster = Librdkafka.rd_kafka_mock_cluster_new(client, brokerCount);
        if (cluster == IntPtr.Zero)
        {
            Librdkafka.rd_kafka_destroy(client);
            throw new InvalidOperationException(
                $"librdkafka could not create a mock cluster of {brokerCount} broker(s); its log on stderr says why.");
        }

        return new MockClusterHandle(client, cluster);
    }

    protected override bool ReleaseHandle()
    {
        Librdkafka.rd_kafka_mock_cluster_destroy(handle);
        Librdkafka.rd_kafka_destroy(client);
        return true;
    }

    /// <summary>The cluster needs a client handle for its bookkeeping only; it never connects anywhere.</summary>
    private static IntPtr CreateHostClient()
    {
        const int errorSize = 512;
        var error = stackalloc byte[errorSize];
        var conf = Librdkafka.rd_kafka_conf_new();

        // Warnings and worse only: the handle's notice that it has no bootstrap.servers is expected here.
        foreach (var (name, value) in new[] { ("client.id", "aird-dev-broker"), ("log_level", "4") })
        {
            if (Librdkafka.rd_kafka_conf_set(conf, name, value, error, errorSize) != Librdkafka.ConfOk)
            {
                Librdkafka.rd_kafka_conf_destroy(conf);
                throw new InvalidOperationException($"librdkafka rejected {name}={value}: {new string((sbyte*)error)}");
            }
        }

        var client = Librdkafka.rd_kafka_new(Librdkafka.ProducerType, conf, error, errorSize);
        if (client == IntPtr.Zero)
        {
            Librdkafka.rd_kafka_conf_destroy(conf);
            throw new InvalidOperationException($"librdkafka could not create the broker's client handle: {new string((sbyte*)error)}");
        }

        return client;
    }
}
