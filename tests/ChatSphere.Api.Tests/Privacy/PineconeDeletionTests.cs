using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.Api.Tests.Accounts;
using ChatSphere.Grains.Knowledge.Vectors;
using ChatSphere.Grains.Tests.Retrieval;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.Api.Tests.Privacy;

/// <summary>With Pinecone as the vector store (its REST protocol on loopback), deleting a workspace empties its bots' namespaces.</summary>
public sealed class PineconeDeletionTests : IAsyncLifetime
{
    private readonly TestSqlite _data = new();
    private LoopbackPinecone _pinecone = null!;
    private ApiHost _host = null!;

    public async Task InitializeAsync()
    {
        _pinecone = new LoopbackPinecone();
        _host = await ApiHost.StartAsync(_data.Folder, new Dictionary<string, string?>
        {
            ["ChatSphere:Demo:Enabled"] = "false",
            ["ChatSphere:Vectors:Provider"] = "pinecone",
            ["ChatSphere:Vectors:Pinecone:IndexHost"] = _pinecone.Host.ToString(),
            ["ChatSphere:Vectors:Pinecone:ApiKey"] = LoopbackPinecone.ApiKey,
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _pinecone.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Deleting_a_workspace_deletes_the_vectors_of_its_bots_in_pinecone()
    {
        using var owner = await _host.RegisterAsync();
        var first = await owner.Http.CreateBotAsync(new { workspaceId = owner.WorkspaceId, name = "One", answer = new { model = "instant" } });
        var second = await owner.Http.CreateBotAsync(new { workspaceId = owner.WorkspaceId, name = "Two", answer = new { model = "instant" } });
        await owner.Http.AddQaAsync(first.Id, "Where is the shop?", "On the main square.");
        await owner.Http.AddQaAsync(second.Id, "Do you ship abroad?", "Yes, to every country in the union.");
        using var bystander = await _host.RegisterAsync();
        var kept = await bystander.Http.CreateBotAsync(new { workspaceId = bystander.WorkspaceId, name = "Kept", answer = new { model = "instant" } });
        await bystander.Http.AddQaAsync(kept.Id, "Are you open on Sunday?", "No, Monday to Saturday.");

        var vectors = _host.Services.GetRequiredService<IVectorStore>();
        Assert.IsType<PineconeVectorStore>(vectors);
        Assert.Equal(1, (await vectors.GetStatsAsync(first.Id)).Count);
        Assert.Equal(1, (await vectors.GetStatsAsync(second.Id)).Count);

        var name = (await owner.Http.GetFromJsonAsync<JsonElement>($"api/v1/workspaces/{owner.WorkspaceId}", ApiHost.Json)).GetProperty("name").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, await owner.Http.DeleteAsync($"api/v1/workspaces/{owner.WorkspaceId}?confirm={Uri.EscapeDataString(name)}").StatusAsync());

        Assert.Equal(0, (await vectors.GetStatsAsync(first.Id)).Count);
        Assert.Equal(0, (await vectors.GetStatsAsync(second.Id)).Count);
        Assert.Equal(1, (await vectors.GetStatsAsync(kept.Id)).Count);
    }
}
