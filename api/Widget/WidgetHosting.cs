using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace ChatSphere.Api.Widget;

/// <summary>
/// Serves the built widget (widget/ builds into Widget/dist when the API is built): the loader at /widget.js,
/// the chat frame and its hashed assets under /widget/, and the demo host page at /demo.
/// </summary>
public static partial class WidgetHosting
{
    public const string DistFolder = "Widget/dist";

    /// <summary>The frame runs only its own scripts and styles and talks only to this API, so even text that
    /// slipped past the renderer could not run script or send data elsewhere.</summary>
    public const string FramePolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; connect-src 'self'; base-uri 'none'; form-action 'none'";

    public static IServiceCollection AddChatSphereWidget(this IServiceCollection services) =>
        services.AddSingleton<IdentitySecrets>().AddSingleton<SelfOrigins>();

    public static WebApplication MapChatSphereWidget(this WebApplication app)
    {
        // The project folder when run from source; the program's folder when published and started elsewhere.
        var dist = new[] { app.Environment.ContentRootPath, AppContext.BaseDirectory }
            .Select(root => Path.Combine(root, DistFolder))
            .FirstOrDefault(Directory.Exists) ?? Path.Combine(app.Environment.ContentRootPath, DistFolder);
        if (Directory.Exists(dist))
        {
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(dist), OnPrepareResponse = SetHeaders });
        }
        else
        {
            LogWidgetMissing(app.Logger, dist);
        }

        app.MapWidgetApi();
        app.MapGet("/demo", DemoPage.Render).ExcludeFromDescription();
        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The widget is not built ({Folder} is missing): build the api project with Node.js installed")]
    private static partial void LogWidgetMissing(ILogger logger, string folder);

    private static void SetHeaders(StaticFileResponseContext context)
    {
        var path = context.Context.Request.Path.Value ?? "";
        var headers = context.Context.Response.Headers;
        if (path.StartsWith("/widget/assets/", StringComparison.Ordinal))
        {
            // Names carry a content hash: a new build has new names.
            headers.CacheControl = "public, max-age=31536000, immutable";
        }
        else if (path == "/widget.js")
        {
            // Host pages link this name for ever; a short cache lets a new release reach them soon.
            headers.CacheControl = "public, max-age=300";
        }
        else if (path.StartsWith("/widget/", StringComparison.Ordinal))
        {
            headers.CacheControl = "no-cache";
            if (path.EndsWith(".html", StringComparison.Ordinal))
            {
                headers[HeaderNames.ContentSecurityPolicy] = FramePolicy;
                headers[HeaderNames.XContentTypeOptions] = "nosniff";
            }
        }
    }
}
