using System.Text.Json;
using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.GrainInterfaces.Workspaces;
using ChatSphere.Grains.Tests.Conversations;

namespace ChatSphere.Grains.Tests.Chatbots;

[Collection(ClusterCollection.Name)]
public sealed class ChatbotGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_created_bot_reads_back_normalised_and_is_listed_by_its_workspace()
    {
        var botId = Ids.New("bot");
        var workspaceId = Ids.New("ws");
        var bot = fixture.Grains.GetGrain<IChatbotGrain>(botId);
        Assert.Null(await bot.GetAsync());

        var created = await bot.CreateAsync(workspaceId, new ChatbotSettings
        {
            Name = "  Support  ",
            Description = "   ",
            SuggestedQuestions = [" How do I pay? ", "Where is my order?"],
            Answer = new AnswerSettings { Model = "instant", MinScore = 0.6 },
        });

        Assert.Equal(botId, created.Id);
        Assert.Equal(workspaceId, created.WorkspaceId);
        Assert.Equal(1, created.Version);
        Assert.Equal(created.CreatedAt, created.UpdatedAt);
        Assert.Equal("Support", created.Settings.Name);
        Assert.Null(created.Settings.Description);
        Assert.Equal(["How do I pay?", "Where is my order?"], created.Settings.SuggestedQuestions);
        Assert.Equal("instant", created.Settings.Answer.Model);
        Assert.Equal(0.6, created.Settings.Answer.MinScore);
        Assert.Equal("en", created.Settings.Language);
        Assert.Equal(Json(created), Json(await bot.GetAsync()));
        Assert.Equal([botId], (await fixture.Grains.GetGrain<IWorkspaceGrain>(workspaceId).ListChatbotsAsync(null, 10)).Ids);
    }

    [Fact]
    public async Task A_bot_survives_deactivation()
    {
        var created = await Chats.NewBotAsync(fixture.Grains);
        var bot = fixture.Grains.GetGrain<IChatbotGrain>(created.Id);

        await Activations.CollectIdleAsync(fixture.Grains, bot);

        Assert.Equal(Json(created), Json(await bot.GetAsync()));
    }

    [Fact]
    public async Task Creating_it_twice_is_a_conflict_and_keeps_the_first()
    {
        var created = await Chats.NewBotAsync(fixture.Grains);
        var bot = fixture.Grains.GetGrain<IChatbotGrain>(created.Id);
        var otherWorkspace = Ids.New("ws");

        await Assert.ThrowsAsync<ConflictException>(() => bot.CreateAsync(created.WorkspaceId, new ChatbotSettings { Name = "Again" }));
        await Assert.ThrowsAsync<ConflictException>(() => bot.CreateAsync(otherWorkspace, new ChatbotSettings { Name = "Elsewhere" }));

        Assert.Equal(Json(created), Json(await bot.GetAsync()));
        Assert.Empty((await fixture.Grains.GetGrain<IWorkspaceGrain>(otherWorkspace).ListChatbotsAsync(null, 10)).Ids);
    }

    public static TheoryData<ChatbotSettings, string> InvalidSettings() => new()
    {
        { new ChatbotSettings { Name = "" }, "name" },
        { new ChatbotSettings { Name = "   " }, "name" },
        { new ChatbotSettings { Name = new string('n', 101) }, "name" },
        { new ChatbotSettings { Name = "Bot", Description = new string('d', 501) }, "description" },
        { new ChatbotSettings { Name = "Bot", FallbackMessage = " " }, "fallbackMessage" },
        { new ChatbotSettings { Name = "Bot", WelcomeMessage = new string('w', 1001) }, "welcomeMessage" },
        { new ChatbotSettings { Name = "Bot", SuggestedQuestions = [""] }, "suggestedQuestions[0]" },
        { new ChatbotSettings { Name = "Bot", SuggestedQuestions = ["Fine", "  "] }, "suggestedQuestions[1]" },
        { new ChatbotSettings { Name = "Bot", SuggestedQuestions = ["Fine", new string('q', 201)] }, "suggestedQuestions[1]" },
        { new ChatbotSettings { Name = "Bot", SuggestedQuestions = Enumerable.Range(1, 11).Select(i => $"Q{i}").ToArray() }, "suggestedQuestions" },
        { new ChatbotSettings { Name = "Bot", Language = "english" }, "language" },
        { new ChatbotSettings { Name = "Bot", Answer = new AnswerSettings { Model = "gpt-does-not-exist" } }, "answer.model" },
        { new ChatbotSettings { Name = "Bot", Answer = new AnswerSettings { Model = "" } }, "answer.model" },
        { new ChatbotSettings { Name = "Bot", Answer = new AnswerSettings { MinScore = 1.5 } }, "answer.minScore" },
        { new ChatbotSettings { Name = "Bot", Answer = new AnswerSettings { MinScore = double.NaN } }, "answer.minScore" },
        { new ChatbotSettings { Name = "Bot", Answer = new AnswerSettings { MaxAnswerWords = 4 } }, "answer.maxAnswerWords" },
        { new ChatbotSettings { Name = "Bot", Answer = new AnswerSettings { Temperature = -0.1 } }, "answer.temperature" },
        { new ChatbotSettings { Name = "Bot", Answer = new AnswerSettings { MaxOutputTokens = 15 } }, "answer.maxOutputTokens" },
        { new ChatbotSettings { Name = "Bot", Knowledge = new KnowledgeSettings { MinScore = 1.2 } }, "knowledge.minScore" },
        { new ChatbotSettings { Name = "Bot", Knowledge = new KnowledgeSettings { MmrLambda = -0.1 } }, "knowledge.mmrLambda" },
        { new ChatbotSettings { Name = "Bot", Knowledge = new KnowledgeSettings { CuratedMinSimilarity = double.NaN } }, "knowledge.curatedMinSimilarity" },
    };

    [Theory, MemberData(nameof(InvalidSettings))]
    public async Task Invalid_settings_name_the_field_and_create_nothing(ChatbotSettings settings, string field)
    {
        var botId = Ids.New("bot");
        var workspaceId = Ids.New("ws");
        var bot = fixture.Grains.GetGrain<IChatbotGrain>(botId);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => bot.CreateAsync(workspaceId, settings));

        Assert.Equal([field], error.Errors.Keys);
        Assert.Null(await bot.GetAsync());
        Assert.Empty((await fixture.Grains.GetGrain<IWorkspaceGrain>(workspaceId).ListChatbotsAsync(null, 10)).Ids);
    }

    [Fact]
    public async Task Every_field_at_fault_is_reported_at_once()
    {
        var bot = fixture.Grains.GetGrain<IChatbotGrain>(Ids.New("bot"));

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => bot.CreateAsync("bad workspace", new ChatbotSettings
        {
            Name = "",
            SuggestedQuestions = ["ok", ""],
            Answer = new AnswerSettings { Model = "nope", Temperature = 3 },
        }));

        Assert.Equal(
            new[] { "answer.model", "answer.temperature", "name", "suggestedQuestions[1]", "workspaceId" },
            error.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_update_changes_only_the_given_fields_and_bumps_the_version()
    {
        var created = await Chats.NewBotAsync(fixture.Grains);
        var bot = fixture.Grains.GetGrain<IChatbotGrain>(created.Id);

        var updated = await bot.UpdateAsync(new ChatbotPatch
        {
            Name = " Sales ",
            SuggestedQuestions = ["What does it cost?"],
            Answer = new AnswerPatch { Model = "embedded", Temperature = 0.7 },
        });

        Assert.Equal(2, updated.Version);
        Assert.True(updated.UpdatedAt >= created.UpdatedAt);
        Assert.Equal(created.CreatedAt, updated.CreatedAt);
        Assert.Equal(created.WorkspaceId, updated.WorkspaceId);
        Assert.Equal("Sales", updated.Settings.Name);
        Assert.Equal(["What does it cost?"], updated.Settings.SuggestedQuestions);
        Assert.Equal("embedded", updated.Settings.Answer.Model);
        Assert.Equal(0.7, updated.Settings.Answer.Temperature);
        Assert.Equal(created.Settings.WelcomeMessage, updated.Settings.WelcomeMessage);
        Assert.Equal(created.Settings.FallbackMessage, updated.Settings.FallbackMessage);
        Assert.Equal(created.Settings.Answer.MinScore, updated.Settings.Answer.MinScore);
        Assert.Equal(Json(updated), Json(await bot.GetAsync()));
    }

    [Fact]
    public async Task Retrieval_settings_default_to_the_tuned_values_and_update_one_by_one()
    {
        var created = await Chats.NewBotAsync(fixture.Grains);
        var bot = fixture.Grains.GetGrain<IChatbotGrain>(created.Id);

        var updated = await bot.UpdateAsync(new ChatbotPatch { Knowledge = new KnowledgePatch { MinScore = 0.2, MmrLambda = 0.7 } });
        var again = await bot.UpdateAsync(new ChatbotPatch { Knowledge = new KnowledgePatch { CuratedMinSimilarity = 0.9 } });

        Assert.Equal((0.0, 1.0, 0.82), (created.Settings.Knowledge.MinScore, created.Settings.Knowledge.MmrLambda, created.Settings.Knowledge.CuratedMinSimilarity));
        Assert.Equal((40, 0.3), (created.Settings.Answer.MaxAnswerWords, created.Settings.Answer.MinScore));
        Assert.Equal((0.2, 0.7, 0.82), (updated.Settings.Knowledge.MinScore, updated.Settings.Knowledge.MmrLambda, updated.Settings.Knowledge.CuratedMinSimilarity));
        Assert.Equal((0.2, 0.7, 0.9), (again.Settings.Knowledge.MinScore, again.Settings.Knowledge.MmrLambda, again.Settings.Knowledge.CuratedMinSimilarity));
        Assert.Equal(created.Settings.Knowledge.ChunkTokens, again.Settings.Knowledge.ChunkTokens);
    }

    [Fact]
    public async Task An_invalid_update_names_the_field_and_changes_nothing()
    {
        var created = await Chats.NewBotAsync(fixture.Grains);
        var bot = fixture.Grains.GetGrain<IChatbotGrain>(created.Id);

        var model = await Assert.ThrowsAsync<ValidationFailedException>(() => bot.UpdateAsync(new ChatbotPatch { Name = "Fine", Answer = new AnswerPatch { Model = "gpt-unknown" } }));
        var question = await Assert.ThrowsAsync<ValidationFailedException>(() => bot.UpdateAsync(new ChatbotPatch { SuggestedQuestions = [" "] }));

        Assert.Equal(["answer.model"], model.Errors.Keys);
        Assert.Equal(["suggestedQuestions[0]"], question.Errors.Keys);
        Assert.Equal(Json(created), Json(await bot.GetAsync()));
    }

    [Fact]
    public async Task Updating_a_bot_that_does_not_exist_is_not_found()
    {
        var bot = fixture.Grains.GetGrain<IChatbotGrain>(Ids.New("bot"));

        await Assert.ThrowsAsync<NotFoundException>(() => bot.UpdateAsync(new ChatbotPatch { Name = "Ghost" }));
        Assert.Null(await bot.GetAsync());
    }

    [Fact]
    public async Task Deleting_removes_the_bot_its_knowledge_and_its_workspace_entry()
    {
        var created = await Chats.NewBotAsync(fixture.Grains);
        var bot = fixture.Grains.GetGrain<IChatbotGrain>(created.Id);
        var knowledge = fixture.Grains.GetGrain<IKnowledgeGrain>(created.Id);
        await knowledge.AddSourceAsync(new NewSource { Type = SourceType.Qa, Question = "How do I pay?", Answer = "By card." });

        Assert.True(await bot.DeleteAsync());

        Assert.Null(await bot.GetAsync());
        Assert.Empty((await knowledge.ListSourcesAsync(null, 10)).Items);
        Assert.Empty((await fixture.Grains.GetGrain<IWorkspaceGrain>(created.WorkspaceId).ListChatbotsAsync(null, 10)).Ids);
        Assert.False(await bot.DeleteAsync());
        await Activations.CollectIdleAsync(fixture.Grains, bot);
        Assert.Null(await bot.GetAsync());
    }

    [Fact]
    public async Task A_workspace_lists_its_bots_newest_first_in_pages()
    {
        var workspaceId = Ids.New("ws");
        var botIds = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var bot = await fixture.Grains.GetGrain<IChatbotGrain>(Ids.New("bot")).CreateAsync(workspaceId, new ChatbotSettings { Name = $"Bot {i}" });
            botIds.Add(bot.Id);
        }

        var workspace = fixture.Grains.GetGrain<IWorkspaceGrain>(workspaceId);
        var first = await workspace.ListChatbotsAsync(null, 2);
        var second = await workspace.ListChatbotsAsync(first.NextCursor, 2);
        var third = await workspace.ListChatbotsAsync(second.NextCursor, 2);

        Assert.Equal([botIds[4], botIds[3]], first.Ids);
        Assert.Equal([botIds[2], botIds[1]], second.Ids);
        Assert.Equal([botIds[0]], third.Ids);
        Assert.NotNull(first.NextCursor);
        Assert.NotNull(second.NextCursor);
        Assert.Null(third.NextCursor);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public async Task A_workspace_limit_below_one_is_read_as_one_and_the_cursor_still_advances(int limit)
    {
        var workspaceId = Ids.New("ws");
        var botIds = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            botIds.Add((await fixture.Grains.GetGrain<IChatbotGrain>(Ids.New("bot")).CreateAsync(workspaceId, new ChatbotSettings { Name = $"Bot {i}" })).Id);
        }

        var workspace = fixture.Grains.GetGrain<IWorkspaceGrain>(workspaceId);
        var seen = new List<string>();
        string? cursor = null;
        for (var pages = 0; pages < 4; pages++)
        {
            var page = await workspace.ListChatbotsAsync(cursor, limit);
            Assert.Single(page.Ids);
            seen.AddRange(page.Ids);
            cursor = page.NextCursor;
            if (cursor is null)
            {
                break;
            }
        }

        Assert.Null(cursor);
        Assert.Equal(Enumerable.Reverse(botIds), seen);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1.5")]
    public async Task A_workspace_cursor_it_did_not_hand_out_names_the_field(string cursor)
    {
        var workspace = fixture.Grains.GetGrain<IWorkspaceGrain>(Ids.New("ws"));

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => workspace.ListChatbotsAsync(cursor, 10));

        Assert.Equal(["cursor"], error.Errors.Keys);
    }

    /// <summary>A structural comparison (records compare list members by reference).</summary>
    private static string Json(ChatbotInfo? bot) => JsonSerializer.Serialize(bot);
}
