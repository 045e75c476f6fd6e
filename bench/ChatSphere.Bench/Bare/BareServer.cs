using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatSphere.Bench.Bare;

/// <summary>Hosts <see cref="BareChatHub"/> at /hubs/chat on loopback (the bench's bare-server command).</summary>
public static class BareServer
{
    public static async Task<int> RunAsync(int port, int tokenCount, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        builder.Services.AddSingleton(new BareReply(tokenCount));
        builder.Services.AddSignalR().AddJsonProtocol(o =>
        {
            o.PayloadSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.PayloadSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        });

        var app = builder.Build();
        app.MapGet("/health/ready", () => Results.Text("Healthy"));
        app.MapHub<BareChatHub>("/hubs/chat");
        await app.RunAsync(cancellationToken);
        return 0;
    }
}
