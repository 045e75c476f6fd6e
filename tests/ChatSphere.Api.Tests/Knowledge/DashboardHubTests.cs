using System.Net.Http.Json;
using System.Threading.Channels;
using ChatSphere.Api.Realtime;
using ChatSphere.Api.Tests.Accounts;
using ChatSphere.GrainInterfaces.Knowledge;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSphere.Api.Tests.Knowledge;

/// <summary>Source status changes reach a watching dashboard over SignalR as they happen.</summary>
[Collection(KnowledgeApiCollection.Name)]
public sealed class DashboardHubTests(KnowledgeApiFixture fixture)
{
    [Fact]
    public async Task A_watcher_sees_a_source_go_from_queued_to_indexed_and_then_deleted()
    {
        var http = fixture.Http;
        var bot = await http.CreateBotAsync();
        var other = await http.CreateBotAsync();
        var events = Channel.CreateUnbounded<SourceUpdate>();
        await using var hub = fixture.DashboardHub();
        hub.On<SourceUpdate>(DashboardHub.SourceUpdated, update => events.Writer.TryWrite(update));
        await hub.StartAsync();
        await hub.InvokeAsync("WatchSources", bot.Id);

        await http.PostAsJsonAsync($"api/v1/chatbots/{other.Id}/sources", new { type = "qa", question = "Not watched?", answer = "No." }, ApiHost.Json);
        using var created = await http.PostAsJsonAsync($"api/v1/chatbots/{bot.Id}/sources",
            new { type = "text", title = "Hours", text = "The pool opens at seven every day." }, ApiHost.Json);
        var source = (await created.Content.ReadFromJsonAsync<KnowledgeSource>(ApiHost.Json))!;
        var seen = await ReadUntilAsync(events.Reader, u => u.Source.Status == SourceStatus.Indexed);
        await http.DeleteAsync($"api/v1/chatbots/{bot.Id}/sources/{source.Id}");
        var deleted = await ReadUntilAsync(events.Reader, u => u.Deleted);

        Assert.All(seen, u => Assert.Equal((bot.Id, source.Id), (u.Source.BotId, u.Source.Id)));
        Assert.Equal(SourceStatus.Queued, seen[0].Source.Status);
        Assert.Contains(seen, u => u.Source.Status == SourceStatus.Processing && u.Source.Stage is not null);
        Assert.Equal(1, seen[^1].Source.Chunks);
        Assert.Null(seen[^1].Source.Text);
        Assert.Equal(source.Id, Assert.Single(deleted).Source.Id);
    }

    [Fact]
    public async Task Watching_an_unknown_bot_is_refused()
    {
        await using var hub = fixture.DashboardHub();
        await hub.StartAsync();

        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("WatchSources", "bot_missing"));
    }

    [Fact]
    public async Task Only_members_of_the_bots_workspace_may_watch_and_anonymous_connections_are_refused()
    {
        var bot = await fixture.Http.CreateBotAsync();
        using var stranger = await fixture.Host.RegisterAsync();
        await using var strangers = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.Host.BaseAddress, "hubs/dashboard"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(stranger.AccessToken))
            .Build();
        await strangers.StartAsync();
        await Assert.ThrowsAsync<HubException>(() => strangers.InvokeAsync("WatchSources", bot.Id));
        Assert.Equal(HubConnectionState.Connected, strangers.State);

        await using var anonymous = new HubConnectionBuilder().WithUrl(new Uri(fixture.Host.BaseAddress, "hubs/dashboard")).Build();
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.StartAsync());
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private static async Task<List<SourceUpdate>> ReadUntilAsync(ChannelReader<SourceUpdate> reader, Func<SourceUpdate, bool> last)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var read = new List<SourceUpdate>();
        while (true)
        {
            var update = await reader.ReadAsync(timeout.Token);
            read.Add(update);
            if (last(update))
            {
                return read;
            }
        }
    }
}
