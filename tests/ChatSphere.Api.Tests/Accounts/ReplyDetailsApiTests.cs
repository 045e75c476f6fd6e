using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ChatSphere.Api.Tests.Accounts;

/// <summary>GET /api/v1/conversations/{id}/messages/{seq}/details: how a reply was made, for the people who build the bot.</summary>
[Collection(AccountsApiCollection.Name)]
public sealed class ReplyDetailsApiTests(AccountsApiFixture fixture)
{
    [Fact]
    public async Task Editors_and_up_see_a_replys_model_tokens_timings_and_the_passages_it_used_viewers_do_not()
    {
        using var owner = await fixture.Host.RegisterAsync();
        var ws = owner.WorkspaceId;
        var bot = await owner.Http.CreateBotAsync(new { workspaceId = ws, name = "Shop", answer = new { model = "embedded" } });
        await owner.Http.AddQaAsync(bot.Id, "How long does shipping take?", "Parcels ship within two days.");
        using var viewer = await fixture.InviteAndJoinAsync(owner, ws, "viewer");
        using var editor = await fixture.InviteAndJoinAsync(owner, ws, "editor");
        using var admin = await fixture.InviteAndJoinAsync(owner, ws, "admin");

        // Indexing may finish after the source is accepted: ask until the reply cites it.
        var reply = await owner.Http.AskAsync(bot.Id, "How long does shipping take?");
        for (var attempt = 0; attempt < 100 && reply.Citations.Count == 0; attempt++)
        {
            await Task.Delay(200);
            reply = await owner.Http.AskAsync(bot.Id, "How long does shipping take?");
        }

        Assert.NotEmpty(reply.Citations);
        var path = $"api/v1/conversations/{reply.ConversationId}/messages/{reply.Seq}/details";
        var details = await DetailsWhenRecordedAsync(editor.Http, path);
        Assert.Equal(reply.ConversationId, details.GetProperty("conversationId").GetString());
        Assert.Equal(reply.Seq, details.GetProperty("seq").GetInt64());
        Assert.Equal("embedded", details.GetProperty("model").GetString());
        Assert.True(details.GetProperty("promptTokens").GetInt32() > 0);
        Assert.True(details.GetProperty("completionTokens").GetInt32() > 0);
        Assert.True(details.GetProperty("latencyMs").GetInt32() >= details.GetProperty("firstTokenMs").GetInt32());
        Assert.Equal("stop", details.GetProperty("outcome").GetString());
        var hit = details.GetProperty("hits")[0];
        Assert.Equal(reply.Citations[0].SourceId, hit.GetProperty("sourceId").GetString());
        Assert.Equal("qa", hit.GetProperty("type").GetString());
        Assert.Equal("Parcels ship within two days.", hit.GetProperty("text").GetString());
        Assert.Equal("How long does shipping take?", hit.GetProperty("question").GetString());
        Assert.True(hit.GetProperty("score").GetDouble() > 0);

        Assert.Equal(HttpStatusCode.OK, await admin.Http.GetAsync(path).StatusAsync());
        Assert.Equal(HttpStatusCode.OK, await owner.Http.GetAsync(path).StatusAsync());
        using var refused = await viewer.Http.GetAsync(path);
        await refused.ProblemAsync(HttpStatusCode.Forbidden);
        using var anonymous = new HttpClient { BaseAddress = owner.Http.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, await anonymous.GetAsync(path).StatusAsync());

        // Another workspace's member cannot read it either.
        using var stranger = await fixture.Host.RegisterAsync();
        Assert.Contains(await stranger.Http.GetAsync(path).StatusAsync(), new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
    }

    [Fact]
    public async Task A_question_an_unknown_seq_or_a_reply_without_knowledge_answer_clearly()
    {
        using var owner = await fixture.Host.RegisterAsync();
        var bot = await owner.Http.CreateBotAsync(new { workspaceId = owner.WorkspaceId, name = "Empty", answer = new { model = "instant" } });
        var reply = await owner.Http.AskAsync(bot.Id, "Hello there");

        var details = await DetailsWhenRecordedAsync(owner.Http, $"api/v1/conversations/{reply.ConversationId}/messages/{reply.Seq}/details");
        Assert.Equal(0, details.GetProperty("hits").GetArrayLength());

        // The question (seq 1) is no generated reply; seq 99 does not exist; a seq that is no number matches no route.
        using var question = await owner.Http.GetAsync($"api/v1/conversations/{reply.ConversationId}/messages/1/details");
        await question.ProblemAsync(HttpStatusCode.NotFound);
        using var unknown = await owner.Http.GetAsync($"api/v1/conversations/{reply.ConversationId}/messages/99/details");
        await unknown.ProblemAsync(HttpStatusCode.NotFound);
        using var junk = await owner.Http.GetAsync($"api/v1/conversations/{reply.ConversationId}/messages/abc/details");
        await junk.ProblemAsync(HttpStatusCode.NotFound);
        using var noConversation = await owner.Http.GetAsync("api/v1/conversations/conv_nope/messages/2/details");
        await noConversation.ProblemAsync(HttpStatusCode.NotFound);
    }

    /// <summary>The reply's record is committed a moment after the reply ends: asks until it is there (30 s at most).</summary>
    private static async Task<JsonElement> DetailsWhenRecordedAsync(HttpClient http, string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var response = await http.GetAsync(path);
            if (response.StatusCode != HttpStatusCode.NotFound || attempt >= 150)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return await response.Content.ReadFromJsonAsync<JsonElement>(ApiHost.Json);
            }

            await Task.Delay(200);
        }
    }
}
