using ChatSphere.Api.Demo;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ChatSphere.Api.Hosting;

/// <summary>Prints where everything is once the server listens.</summary>
public sealed class StartupBanner(IServer server, IHostApplicationLifetime lifetime, ChatSphere.Silo.Hosting.ChatSphereTopology topology) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5000";
            address = address.Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal).TrimEnd('/');
            var shape = topology.IsCluster ? "cluster (PostgreSQL)" : $"embedded (data in {topology.DataPath})";
            Console.WriteLine($$"""

                ChatSphere dashboard: {{address}}/   (sign up there: the first account owns the demo bot)
                ChatSphere is running: {{shape}}
                  Widget demo:   {{address}}/demo
                  API docs:      {{address}}/api/docs
                  OpenAPI:       {{address}}/openapi/v1.json
                  Health:        {{address}}/health/ready
                  Widget hub:    {{address}}/hubs/chat
                  Demo chatbot:  {{address}}/api/v1/chatbots/{{DemoBotSeeder.BotId}}
                  Try it:        curl -s {{address}}/api/v1/chat/{{DemoBotSeeder.BotId}}/messages -H 'Content-Type: application/json' -d '{"text":"What is ChatSphere?"}'

                """);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
