using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace ChatSphere.Silo.Hosting;

/// <summary>Where the dedicated silo's HTTP endpoints listen.</summary>
public static class SiloListening
{
    /// <summary>
    /// Keeps <c>ASPNETCORE_URLS</c> (or <c>ASPNETCORE_HTTP_PORTS</c>, <c>Kestrel:Endpoints</c>) when set; otherwise listens on a free
    /// loopback port instead of Kestrel's default 5000, which a second silo (or an API node) on the same host would already hold.
    /// </summary>
    public static WebApplicationBuilder UseLoopbackUnlessListening(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var configured = !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey])
            || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpPortsKey])
            || !string.IsNullOrWhiteSpace(configuration[WebHostDefaults.HttpsPortsKey])
            || configuration.GetSection("Kestrel:Endpoints").GetChildren().Any();
        if (!configured)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }

        return builder;
    }
}
