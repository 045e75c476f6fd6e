using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;

namespace ChatSphere.Browser.Tests.Dashboard;

/// <summary>
/// The built dashboard as a CDN would serve it: static files from api/Dashboard/dist on a loopback origin of its own,
/// index.html for every other path (history mode), and a <c>config.js</c> that points <c>apiBaseUrl</c> at the API.
/// </summary>
public sealed class StaticDashboardHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StaticDashboardHost(WebApplication app, string origin)
    {
        _app = app;
        Origin = origin;
    }

    /// <summary>http://127.0.0.1:port : another origin than the API's, on the same site (the supported CDN set-up).</summary>
    public string Origin { get; }

    /// <summary>The origin this host will have on <paramref name="port"/> (the API must allow it before it starts).</summary>
    public static string OriginFor(int port) => $"http://127.0.0.1:{port}";

    public static async Task<StaticDashboardHost> StartAsync(int port, string distFolder, Uri apiBaseAddress)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(OriginFor(port));
        var app = builder.Build();
        var files = new PhysicalFileProvider(distFolder);
        var config = $"window.__CHATSPHERE_CONFIG__ = {{ apiBaseUrl: '{apiBaseAddress.GetLeftPart(UriPartial.Authority)}' }};\n";
        app.Use(async (context, next) =>
        {
            if (context.Request.Path == "/config.js")
            {
                context.Response.ContentType = "text/javascript; charset=utf-8";
                context.Response.Headers.CacheControl = "no-cache";
                await context.Response.WriteAsync(config);
                return;
            }

            await next();
        });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        app.MapFallback(async context =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.SendFileAsync(files.GetFileInfo("index.html"));
        });
        await app.StartAsync();
        return new StaticDashboardHost(app, OriginFor(port));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
