using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace ChatSphere.Api.Dashboard;

/// <summary>
/// Serves the built dashboard (frontend/ builds into Dashboard/dist when the API is built) at <c>/</c>: its hashed
/// assets with a year-long cache, <c>index.html</c> and the runtime <c>config.js</c> never cached, and index.html for
/// every other path that is not the API's own, so a deep link reloads into the same screen (history mode).
/// </summary>
public static partial class DashboardHosting
{
    public const string DistFolder = "Dashboard/dist";

    /// <summary>Paths that keep their own meaning: an unknown path under one of them is a 404 ProblemDetails,
    /// never the dashboard's HTML.</summary>
    private static readonly string[] ReservedPrefixes = ["/api", "/hubs", "/health", "/metrics", "/openapi", "/widget", "/demo"];

    public static WebApplication MapChatSphereDashboard(this WebApplication app)
    {
        // The project folder when run from source; the program's folder when published and started elsewhere.
        var dist = new[] { app.Environment.ContentRootPath, AppContext.BaseDirectory }
            .Select(root => Path.Combine(root, DistFolder))
            .FirstOrDefault(Directory.Exists);
        if (dist is null)
        {
            LogDashboardMissing(app.Logger, Path.Combine(app.Environment.ContentRootPath, DistFolder));
        }

        var files = dist is null ? null : new PhysicalFileProvider(dist);
        if (files is not null)
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files, OnPrepareResponse = SetHeaders });
        }

        // Paths with a file extension are left to the static files (a missing file is a plain 404).
        app.MapFallback((HttpContext context) => ServeIndex(context, files))
            .WithName("Dashboard")
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>True for a path the API keeps for itself (<c>/api</c>, <c>/hubs</c>, ...), where an unknown route is
    /// a 404 ProblemDetails.</summary>
    public static bool IsReserved(PathString path) =>
        ReservedPrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)
            || prefix == "/widget" && (path.Value ?? "").StartsWith("/widget", StringComparison.OrdinalIgnoreCase));

    private static async Task ServeIndex(HttpContext context, IFileProvider? files)
    {
        var index = files?.GetFileInfo("index.html");
        if (IsReserved(context.Request.Path) || !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) || index is not { Exists: true })
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status404NotFound,
                    Title = "Not found.",
                    Detail = index is { Exists: true } || IsReserved(context.Request.Path)
                        ? $"No resource at {context.Request.Path}."
                        : "The dashboard is not built: build the api project with Node.js installed.",
                },
            });
            return;
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        SetDocumentHeaders(context.Response.Headers);
        await context.Response.SendFileAsync(index);
    }

    private static void SetHeaders(StaticFileResponseContext context)
    {
        var path = context.Context.Request.Path.Value ?? "";
        var headers = context.Context.Response.Headers;
        if (path.StartsWith("/assets/", StringComparison.Ordinal))
        {
            // Names carry a content hash: a new build has new names.
            headers.CacheControl = "public, max-age=31536000, immutable";
        }
        else if (path.EndsWith(".html", StringComparison.Ordinal))
        {
            SetDocumentHeaders(headers);
        }
        else
        {
            // index.html, config.js (a CDN deployer's runtime settings) and icons: always revalidated.
            headers.CacheControl = "no-cache";
        }
    }

    private static void SetDocumentHeaders(IHeaderDictionary headers)
    {
        headers.CacheControl = "no-cache";
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers["X-Frame-Options"] = "DENY";
        headers["Referrer-Policy"] = "same-origin";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The dashboard is not built ({Folder} is missing): build the api project with Node.js installed")]
    private static partial void LogDashboardMissing(ILogger logger, string folder);
}
