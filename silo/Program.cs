using ChatSphere.Silo.Hosting;
using Microsoft.Extensions.Hosting;

namespace ChatSphere.Silo;

/// <summary>A dedicated silo of the cluster shape (or an embedded one when no Postgres connection string is set).</summary>
public static class SiloProgram
{
    public static async Task Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        if (ChatSphereSiloExtensions.IsMigrateOnly(args))
        {
            await ChatSphereSiloExtensions.MigrateOnlyAsync(builder.Configuration);
            return;
        }

        builder.Services.AddChatSphereSerilog(builder.Configuration);
        builder.AddChatSphereSilo();
        await builder.Build().RunAsync();
    }
}
