using System.Reflection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatSphere.Api.Hosting;

/// <summary>
/// The build writes the OpenAPI document (Microsoft.Extensions.ApiDescription.Server) by running this program under
/// its GetDocument.Insider tool, which builds and starts the host without a real server. The services stay registered
/// (endpoint metadata depends on which parameters are services), but nothing starts: no silo, no database migration,
/// no demo seeding, no data folder.
/// </summary>
public static class BuildTimeDocument
{
    public static bool IsGenerating { get; } = Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider";

    /// <summary>While generating: a throw-away data folder and signing key, so the build leaves no files behind.</summary>
    public static void UseThrowAwaySettings(this IConfigurationManager configuration)
    {
        if (IsGenerating)
        {
            configuration["ChatSphere:DataPath"] = Path.Combine(Path.GetTempPath(), "chatsphere-openapi-" + Guid.NewGuid().ToString("N"));
            configuration["ChatSphere:Auth:SigningKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64));
        }
    }

    public static void SkipStartupWork(this IServiceCollection services)
    {
        if (IsGenerating)
        {
            services.RemoveAll<IHostedService>();
        }
    }
}
