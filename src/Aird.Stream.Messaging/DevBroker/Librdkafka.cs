using System.Reflection;
using System.Runtime.InteropServices;

namespace Aird.Stream.Messaging.DevBroker;

/// <summary>
/// The few librdkafka entry points the development broker needs, bound to the very library Confluent.Kafka loaded.
/// A plain <c>DllImport("librdkafka")</c> would find the package's default build, which needs libsasl2.so.3 and
/// fails on Debian 12, while Confluent.Kafka quietly falls back to another variant of the package.
/// </summary>
internal static unsafe partial class Librdkafka
{
    public const int ProducerType = 0;
    public const int ConfOk = 0;
    public const int NoError = 0;

    private const string LibraryName = "librdkafka";
    private static readonly Lock ResolverGate = new();
    private static bool resolverInstalled;

    /// <summary>Makes <see cref="LibraryName"/> resolve to the loaded librdkafka; call before the first import.</summary>
    public static void EnsureResolvable()
    {
        lock (ResolverGate)
        {
            if (resolverInstalled)
            {
                return;
            }

            NativeLibrary.SetDllImportResolver(typeof(Librdkafka).Assembly, Resolve);
            resolverInstalled = true;
        }
    }

    public static string ErrorText(int error) =>
        Marshal.PtrToStringUTF8(rd_kafka_err2str(error)) ?? $"librdkafka error {error}";

    [LibraryImport(LibraryName)]
    public static partial IntPtr rd_kafka_conf_new();

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rd_kafka_conf_set(IntPtr conf, string name, string value, byte* errstr, nuint errstrSize);

    [LibraryImport(LibraryName)]
    public static partial void rd_kafka_conf_destroy(IntPtr conf);

    [LibraryImport(LibraryName)]
    public static partial IntPtr rd_kafka_new(int type, IntPtr conf, byte* errstr, nuint errstrSize);

    [LibraryImport(LibraryName)]
    public static partial void rd_kafka_destroy(IntPtr rk);

    [LibraryImport(LibraryName)]
    public static partial IntPtr rd_kafka_mock_cluster_new(IntPtr rk, int brokerCount);

    [LibraryImport(LibraryName)]
    public static partial void rd_kafka_mock_cluster_destroy(IntPtr cluster);

    [LibraryImport(LibraryName)]
    public static partial IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr cluster);

    [LibraryImport(LibraryName)]
    public static partial void rd_kafka_mock_group_initial_rebalance_delay_ms(IntPtr cluster, int delayMs);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rd_kafka_mock_topic_create(IntPtr cluster, string topic, int partitions, int replicationFactor);

    [LibraryImport(LibraryName)]
    public static partial int rd_kafka_mock_broker_set_down(IntPtr cluster, int brokerId);

    [LibraryImport(LibraryName)]
    public static partial int rd_kafka_mock_broker_set_up(IntPtr cluster, int brokerId);

    [LibraryImport(LibraryName)]
    private static partial IntPtr rd_kafka_err2str(int error);

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == LibraryName ? NativeLibrary.Load(FindLoadedLibrdkafka()) : IntPtr.Zero;

    private static string FindLoadedLibrdkafka()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The development Kafka broker runs on Linux only.");
        }

        Confluent.Kafka.Library.Load();
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            var pathStart = line.IndexOf('/', StringComparison.Ordinal);
            if (pathStart >= 0 && line.EndsWith("librdkafka.so", StringComparison.Ordinal))
            {
                return line[pathStart..];
            }
        }

        throw new DllNotFoundException("Confluent.Kafka reported librdkafka as loaded, but no librdkafka.so is mapped into this process.");
    }
}
