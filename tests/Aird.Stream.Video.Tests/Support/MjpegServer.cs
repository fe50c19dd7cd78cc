using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Aird.Stream.Video.Tests.Support;

/// <summary>
/// A camera's MJPEG endpoint over real TCP: every connection gets <c>multipart/x-mixed-replace</c> JPEG parts at
/// 10 per second (unless paused) until the server is disposed, which closes the listener and every open connection.
/// </summary>
public sealed class MjpegServer : IAsyncDisposable
{
    private readonly IReadOnlyList<byte[]> jpegs;
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> connections = [];
    private readonly Task accepting;

    public MjpegServer(IReadOnlyList<byte[]> jpegs, int port)
    {
        this.jpegs = jpegs;
        listener = new TcpListener(IPAddress.Loopback, port);
        // Restarting on the same port must not wait for the previous connections' TIME_WAIT.
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        accepting = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    /// <summary>While set, open connections stay open but get no more frames: a camera that froze.</summary>
    public bool Paused { get; set; }

    public string Url => $"http://127.0.0.1:{Port}/";

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting;
        Task[] open;
        lock (connections)
        {
            open = [.. connections];
        }

        await Task.WhenAll(open);
        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (connections)
            {
                connections.Add(Task.Run(() => ServeAsync(client)));
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = new byte[4096];
                _ = await stream.ReadAsync(request, stopping.Token);
                await stream.WriteAsync(Encoding.ASCII.GetBytes(
                    "HTTP/1.0 200 OK\r\nContent-Type: multipart/x-mixed-replace; boundary=frame\r\nCache-Control: no-cache\r\n\r\n"), stopping.Token);
                for (var i = 0; !stopping.IsCancellationRequested; i++)
                {
                    if (Paused)
                    {
                        await Task.Delay(50, stopping.Token);
                        continue;
                    }

                    var jpeg = jpegs[i % jpegs.Count];
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(
                        $"--frame\r\nContent-Type: image/jpeg\r\nContent-Length: {jpeg.Length}\r\n\r\n"), stopping.Token);
                    await stream.WriteAsync(jpeg, stopping.Token);
                    await stream.WriteAsync("\r\n"u8.ToArray(), stopping.Token);
                    await Task.Delay(100, stopping.Token);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
            {
                // The client left or the server is stopping; either way this connection is over.
            }
        }
    }
}
