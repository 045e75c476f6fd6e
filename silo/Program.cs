using ChatSphere.Silo.Hosting;
using Microsoft.AspNetCore.Builder;

namespace ChatSphere.Silo;

/// <summary>
/// A dedicated silo of the cluster shape (or an embedded one when no Postgres connection string is set). It serves
/// <c>/health/live</c>, <c>/health/ready</c>, <c>/metrics</c> and, for operators, the Orleans dashboard on
/// <c>ASPNETCORE_URLS</c> (a free loopback port when none is set, so several silos on one host never collide).
/// </summary>
public static class SiloProgram
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (ChatSphereSiloExtensions.IsMigrateOnly(args))
        {
            await ChatSphereSiloExtensions.MigrateOnlyAsync(builder.Configuration);
            return;
        }

        builder.UseLoopbackUnlessListening();
        builder.AddServiceDefaults();
        builder.AddChatSphereSilo();

        var app = builder.Build();
        app.MapServiceDefaults();
        await app.RunAsync();
    }
}
