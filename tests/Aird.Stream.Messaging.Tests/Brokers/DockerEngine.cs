using System.Net.Sockets;

namespace Aird.Stream.Messaging.Tests.Brokers;

/// <summary>Whether a Docker engine answers, asked the way the Docker client would (DOCKER_HOST or the default socket).</summary>
public static class DockerEngine
{
    /// <summary>Null when the engine answered its ping; otherwise why the container tests cannot run.</summary>
    public static async Task<string?> FindUnavailableReasonAsync(CancellationToken cancellationToken)
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } configured
            ? configured
            : "unix:///var/run/docker.sock";
        const string unixScheme = "unix://";
        try
        {
            using var handler = new SocketsHttpHandler();
            Uri baseAddress;
            if (host.StartsWith(unixScheme, StringComparison.Ordinal))
            {
                var socketPath = host[unixScheme.Length..];
                if (!File.Exists(socketPath))
                {
                    return $"no Docker engine: {socketPath} does not exist";
                }

                baseAddress = new Uri("http://docker");
                handler.ConnectCallback = async (_, ct) =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                };
            }
            else
            {
                var endpoint = new Uri(host);
                baseAddress = new Uri($"http://{endpoint.Host}:{endpoint.Port}");
            }

            using var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(3) };
            var answer = await client.GetStringAsync(new Uri("/_ping", UriKind.Relative), cancellationToken);
            return answer.Trim() == "OK" ? null : $"no Docker engine: {host} answered '{answer.Trim()}' to a ping";
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or TaskCanceledException or UriFormatException)
        {
            return $"no Docker engine: {host} does not answer ({e.Message})";
        }
    }
}
