using System.Net.Http.Json;
using ChatSphere.GrainInterfaces.Conversations;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSphere.Api.Tests;

/// <summary>Resume after the connection is lost mid-reply: nothing missing, nothing twice.</summary>
public sealed class ResumeTests : IAsyncLifetime
{
    private readonly TestSqlite _data = new();
    private ApiHost _host = null!;
    private Accounts.TestUser _user = null!;

    public async Task InitializeAsync()
    {
        _host = await ApiHost.StartAsync(_data.Folder, new Dictionary<string, string?>
        {
            // A model that takes about two seconds per reply, so the connection can be dropped while it streams.
            ["ChatSphere:Ai:InstantModel:TokenCount"] = "150",
            ["ChatSphere:Ai:InstantModel:TokenDelayMs"] = "15",
        });
        _user = await _host.RegisterAsync();
    }

    public async Task DisposeAsync()
    {
        _user.Dispose();
        await _host.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task Resume_after_a_forced_disconnect_mid_reply_has_no_gap_and_no_duplicate()
    {
        var bot = await _user.Http.CreateBotAsync();
        var first = _host.Hub();
        await first.StartAsync();
        var start = await first.InvokeAsync<StartDto>("StartConversation", bot.Id, null);

        var seen = new List<ChatEvent>();
        await foreach (var e in first.StreamAsync<ChatEvent>("Send", start.ConversationId, "q1", "Tell me a long story"))
        {
            seen.Add(e);
            if (seen.Count(t => t.Type == ChatEventType.Token) == 20)
            {
                break;
            }
        }

        // Drop the connection abruptly while the reply is still being generated.
        await first.DisposeAsync();
        var received = HubTests.Assemble(seen.Where(e => e.Type == ChatEventType.Token));

        await using var second = _host.Hub();
        await second.StartAsync();
        var again = await second.InvokeAsync<StartDto>("StartConversation", bot.Id, start.VisitorToken);
        Assert.Equal(start.ConversationId, again.ConversationId);

        // The client has the question (seq 1) and part of the reply; it resumes after the question.
        var resumed = new List<ChatEvent>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await foreach (var e in second.StreamAsync<ChatEvent>("Resume", start.ConversationId, 1L, cts.Token))
        {
            resumed.Add(e);
            if (e.Type == ChatEventType.Done)
            {
                break;
            }
        }

        var done = resumed[^1];
        Assert.Equal(2, done.Seq);
        Assert.Equal(MessageStatus.Complete, done.Status);
        var resumedTokens = resumed.Where(e => e.Type == ChatEventType.Token).ToList();
        Assert.NotEmpty(resumedTokens);
        // Exactly one pass over the text: each piece starts where the previous one ended.
        var length = 0;
        foreach (var t in resumedTokens)
        {
            Assert.Equal(length, t.Offset);
            length += t.Text.Length;
        }

        var assembled = HubTests.Assemble(resumedTokens);
        Assert.Equal(done.Text, assembled);
        Assert.StartsWith(received, done.Text);
        Assert.Equal(150, done.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);

        var messages = await _user.Http.GetFromJsonAsync<PageDto<ConversationMessage>>($"api/v1/conversations/{start.ConversationId}/messages", ApiHost.Json);
        Assert.Equal(2, messages!.Items.Count);
        Assert.Equal(done.Text, messages.Items[1].Text);
    }

    [Fact]
    public async Task A_reply_survives_a_restart_of_the_whole_process()
    {
        var bot = await _user.Http.CreateBotAsync(new { name = "Durable", answer = new { model = "instant" } });
        var reply = await _user.Http.AskAsync(bot.Id, "remember me");
        await _host.DisposeAsync();

        _host = await ApiHost.StartAsync(_data.Folder, new Dictionary<string, string?> { ["ChatSphere:Ai:InstantModel:TokenCount"] = "5" });
        // The access token issued before the restart still works: the signing key is kept in the data folder.
        using var http = _host.Client(_user.AccessToken);
        var fetched = await http.GetFromJsonAsync<BotDto>($"api/v1/chatbots/{bot.Id}", ApiHost.Json);
        Assert.Equal("Durable", fetched!.Name);
        var messages = await http.GetFromJsonAsync<PageDto<ConversationMessage>>($"api/v1/conversations/{reply.ConversationId}/messages", ApiHost.Json);
        Assert.Equal(["remember me", reply.Text], messages!.Items.Select(m => m.Text));

        var next = await http.AskAsync(bot.Id, "still there?", reply.ConversationId);
        Assert.Equal(4, next.Seq);
    }
}
