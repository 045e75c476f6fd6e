using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace ChatSphere.Browser.Tests;

/// <summary>
/// Customer pages on origins other than the API's: one server on a loopback port, reached as
/// http://localhost:port (the allowed origin in these tests) and as http://127.0.0.1:port (another origin).
/// </summary>
public sealed class HostPages : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, string> _pages = new();
    private readonly WebApplication _app;

    private HostPages(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The origin the test bots allow.</summary>
    public string AllowedOrigin => $"http://localhost:{Port}";

    /// <summary>An origin no test bot allows (same server, another host name).</summary>
    public string OtherOrigin => $"http://127.0.0.1:{Port}";

    public static async Task<HostPages> StartAsync()
    {
        var port = FreeTcpPort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://localhost:{port}");
        var app = builder.Build();
        var pages = new HostPages(app, port);
        app.MapGet("/pages/{name}", (string name) => pages._pages.TryGetValue(name, out var html)
            ? Results.Content(html, "text/html; charset=utf-8")
            : Results.NotFound());
        await app.StartAsync();
        return pages;
    }

    /// <summary>Publishes a page; returns its path.</summary>
    public string Add(string html)
    {
        var name = Guid.NewGuid().ToString("n");
        _pages[name] = html;
        return $"/pages/{name}";
    }

    /// <summary>A customer page embedding widgets the way the README says, with hostile CSS that must not reach
    /// the widget and a log of the widget's events.</summary>
    public static string Page(string apiOrigin, params string[] botIds) => $$"""
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Customer page</title>
          <style>
            /* A hostile host stylesheet: none of it may reach the chat UI or hide the widget. */
            * { font-family: serif !important; color: #ff00ff !important; }
            button { display: none !important; }
            iframe { display: none !important; width: 0 !important; height: 0 !important; }
          </style>
          <script>
            window.__t0 = performance.now();
            window.__events = [];
            window.ChatSphere = window.ChatSphere || function () { (window.ChatSphere.q = window.ChatSphere.q || []).push(arguments); };
            ['ready', 'open', 'close', 'message'].forEach(function (name) {
              ChatSphere('on', name, function (detail) { window.__events.push({ name: name, detail: detail, at: performance.now() }); });
            });
          </script>
          {{string.Concat(botIds.Select(id => $"<script async src=\"{apiOrigin}/widget.js\" data-bot-id=\"{id}\"></script>\n"))}}
        </head>
        <body>
          <main><h1>Welcome to the shop</h1><p>Products and prices.</p></main>
        </body>
        </html>
        """;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
