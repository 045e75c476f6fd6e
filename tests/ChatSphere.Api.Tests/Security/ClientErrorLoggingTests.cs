using System.Net;
using System.Net.Http.Json;
using ChatSphere.GrainInterfaces;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace ChatSphere.Api.Tests.Security;

/// <summary>Issue 11, item 9: a client error answered from a mapped exception is logged as what it is.</summary>
public sealed class ClientErrorLoggingTests
{
    [Fact]
    public async Task Mapped_client_errors_are_logged_with_their_own_status_below_error_and_without_a_stack_trace()
    {
        using var data = new TestSqlite();
        var logs = new CapturedLogs();
        await using var host = await ApiHost.StartAsync(data.Folder, new Dictionary<string, string?>
        {
            ["ChatSphere:Demo:Enabled"] = "false",
            ["Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware"] = "Information",
        }, services => services.AddSingleton<ILogEventSink>(logs));
        using var user = await host.RegisterAsync();

        var missingBot = $"/api/v1/chatbots/{Ids.New("bot")}";
        using var notFound = await user.Http.GetAsync(missingBot);
        using var invalid = await host.Http.PostAsJsonAsync("/api/v1/auth/verify-email", new { token = "not-a-token" }, ApiHost.Json);
        using var unauthenticated = await host.Http.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = "a.b.c" }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);

        foreach (var (path, status) in new[] { (missingBot, 404), ("/api/v1/auth/verify-email", 400), ("/api/v1/auth/refresh", 401) })
        {
            var lines = await RequestLinesAsync(logs, path);
            Assert.True(lines.Count == 1, $"request log lines of {path}: {lines.Count}; all events: "
                + string.Join(" | ", logs.Events.Select(e => $"{e.Level} {e.RenderMessage()}")));
            var line = lines[0];
            Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), CapturedLogs.Text(line, "StatusCode"));
            Assert.Equal(LogEventLevel.Information, line.Level);
            Assert.Null(line.Exception);
        }

        Assert.DoesNotContain(logs.Events, e => e.Level >= LogEventLevel.Error);
    }

    /// <summary>The request log lines of <paramref name="path"/>, once written (the line follows the response).</summary>
    private static async Task<IReadOnlyList<LogEvent>> RequestLinesAsync(CapturedLogs logs, string path) =>
        await Eventually.ReturnsAsync(
            () => Task.FromResult(logs.Events.Where(e => CapturedLogs.Text(e, "RequestPath") == path && e.Properties.ContainsKey("StatusCode")).ToArray()),
            lines => lines.Length > 0,
            $"the request log line of {path}",
            TimeSpan.FromSeconds(20));
}
