using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ChatSphere.Testing;

/// <summary>One email as the SMTP receiver got it: the envelope, the credentials it was sent with and the raw message.</summary>
public sealed record ReceivedMail(string From, IReadOnlyList<string> To, string? User, string? Password, string Data);

/// <summary>
/// A small SMTP receiver on loopback (RFC 5321, plain text; AUTH PLAIN): it accepts every message and keeps it, so a test
/// can check what a real SMTP client sent. A real mail server is external; this speaks the wire protocol in its place.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ReceivedMail> _received = new();
    private readonly Task _accepting;

    private TestSmtpServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public IReadOnlyCollection<ReceivedMail> Received => _received.ToArray();

    public static TestSmtpServer Start() => new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
        var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\r\n", AutoFlush = true };
        string? from = null, user = null, password = null;
        var to = new List<string>();
        try
        {
            await writer.WriteLineAsync("220 loopback ESMTP test receiver");
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                var argument = line.Length > verb.Length ? line[(verb.Length + 1)..] : "";
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-loopback");
                        await writer.WriteLineAsync("250-AUTH PLAIN");
                        await writer.WriteLineAsync("250 8BITMIME");
                        break;
                    case "HELO":
                        await writer.WriteLineAsync("250 loopback");
                        break;
                    case "AUTH":
                        var parts = argument.Split(' ', 2);
                        var initial = parts.Length > 1 ? parts[1] : null;
                        if (!parts[0].Equals("PLAIN", StringComparison.OrdinalIgnoreCase))
                        {
                            await writer.WriteLineAsync("504 only PLAIN");
                            break;
                        }

                        if (initial is null)
                        {
                            await writer.WriteLineAsync("334 ");
                            initial = await reader.ReadLineAsync(_stop.Token) ?? "";
                        }

                        var fields = Encoding.UTF8.GetString(Convert.FromBase64String(initial)).Split('\0');
                        (user, password) = (fields[1], fields[2]);
                        await writer.WriteLineAsync("235 accepted");
                        break;
                    case "MAIL":
                        from = Address(argument);
                        to.Clear();
                        await writer.WriteLineAsync("250 ok");
                        break;
                    case "RCPT":
                        to.Add(Address(argument));
                        await writer.WriteLineAsync("250 ok");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(_stop.Token) is { } body && body != ".")
                        {
                            // Dot-stuffing: a line the client began with "." got another one in front.
                            data.Append(body.StartsWith("..", StringComparison.Ordinal) ? body[1..] : body).Append("\r\n");
                        }

                        _received.Enqueue(new ReceivedMail(from ?? "", to.ToArray(), user, password, data.ToString()));
                        await writer.WriteLineAsync("250 queued");
                        break;
                    case "RSET":
                        (from, to) = (null, []);
                        await writer.WriteLineAsync("250 ok");
                        break;
                    case "NOOP":
                        await writer.WriteLineAsync("250 ok");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 not implemented");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    /// <summary>"FROM:&lt;a@b&gt; SIZE=10" -> "a@b".</summary>
    private static string Address(string argument)
    {
        var start = argument.IndexOf('<', StringComparison.Ordinal);
        var end = argument.IndexOf('>', StringComparison.Ordinal);
        return start >= 0 && end > start ? argument[(start + 1)..end] : argument;
    }
}
