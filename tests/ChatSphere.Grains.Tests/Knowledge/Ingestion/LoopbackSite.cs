using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace ChatSphere.Grains.Tests.Knowledge.Ingestion;

/// <summary>
/// A small web server on 127.0.0.1 that tests fill with pages (and misbehaviours) and read the request log of.
/// </summary>
public sealed class LoopbackSite : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, Func<HttpListenerContext, Task>> _routes = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LoopbackSite()
    {
        var port = FreeTcpPort.Next();
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseUrl.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseUrl { get; }

    /// <summary>Paths requested so far (with query), in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public Uri Url(string pathAndQuery) => new(BaseUrl, pathAndQuery);

    public void Page(string path, string body, string contentType = "text/html; charset=utf-8") =>
        Bytes(path, Encoding.UTF8.GetBytes(body), contentType);

    public void Bytes(string path, byte[] body, string contentType) => _routes[path] = async context =>
    {
        context.Response.ContentType = contentType;
        context.Response.ContentLength64 = body.Length;
        await context.Response.OutputStream.WriteAsync(body);
    };

    public void Redirect(string path, string location) => _routes[path] = context =>
    {
        context.Response.StatusCode = 302;
        context.Response.RedirectLocation = location;
        return Task.CompletedTask;
    };

    /// <summary>Answers only after <paramref name="delay"/> (or when the site stops).</summary>
    public void Slow(string path, TimeSpan delay) => _routes[path] = async context =>
    {
        await Task.Delay(delay, _stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        context.Response.ContentType = "text/html";
        await context.Response.OutputStream.WriteAsync("<p>late</p>"u8.ToArray());
    };

    /// <summary>Holds the request until <paramref name="release"/> completes.</summary>
    public void Held(string path, Task release, string body) => _routes[path] = async context =>
    {
        await Task.WhenAny(release, Task.Delay(Timeout.Infinite, _stop.Token));
        var bytes = Encoding.UTF8.GetBytes(body);
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
    };

    public void Remove(string path) => _routes.TryRemove(path, out _);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
        _listener.Close();
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.PathAndQuery;
        Requests.Enqueue(path);
        try
        {
            if (_routes.TryGetValue(path, out var route))
            {
                await route(context);
            }
            else
            {
                context.Response.StatusCode = 404;
            }
        }
        catch (Exception)
        {
            // The client gave up (a timeout test) or the site is stopping.
        }
        finally
        {
            try
            {
                context.Response.Close();
            }
            catch (Exception)
            {
                // Already gone.
            }
        }
    }
}
