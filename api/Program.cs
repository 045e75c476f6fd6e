using ChatSphere.Api.Hosting;
using ChatSphere.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
if (ChatSphereSiloExtensions.IsMigrateOnly(args))
{
    await ChatSphereSiloExtensions.MigrateOnlyAsync(builder.Configuration);
    return;
}

builder.Configuration.UseThrowAwaySettings();
builder.AddServiceDefaults();
builder.AddChatSphereApi();

var app = builder.Build();
app.MapServiceDefaults();
app.MapChatSphereApi();
await app.RunAsync();

/// <summary>The API's entry point (public so tests can host it with WebApplicationFactory).</summary>
public partial class Program;
