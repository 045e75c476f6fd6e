using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Billing;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Knowledge;

namespace ChatSphere.Grains.Tests.Billing;

[Collection(BillingClusterCollection.Name)]
public sealed class QuotaTests(BillingClusterFixture fixture)
{
    [Fact]
    public async Task Chatbots_beyond_the_plan_are_refused_until_one_is_deleted_or_the_plan_grows()
    {
        var workspaceId = Ids.New("ws");
        var bots = new List<string>();
        for (var i = 0; i < BillingClusterFixture.FreeChatbots; i++)
        {
            bots.Add((await CreateBotAsync(workspaceId)).Id);
        }

        var refused = await Assert.ThrowsAsync<QuotaExceededException>(() => CreateBotAsync(workspaceId));
        Assert.Equal(QuotaKind.Chatbots, refused.Quota);
        Assert.Equal(BillingClusterFixture.FreeChatbots, refused.Limit);
        Assert.Equal(BillingClusterFixture.FreeChatbots, refused.Used);
        Assert.Equal(PlanTier.Free, refused.Tier);
        Assert.Contains("upgrade", refused.Message);

        Assert.True(await fixture.Grains.GetGrain<IChatbotGrain>(bots[0]).DeleteAsync());
        bots[0] = (await CreateBotAsync(workspaceId)).Id;
        await Assert.ThrowsAsync<QuotaExceededException>(() => CreateBotAsync(workspaceId));

        var billing = fixture.Grains.GetGrain<IWorkspaceBillingGrain>(workspaceId);
        var plan = await billing.ChangePlanAsync(new PlanChange { Tier = PlanTier.Pro, Provider = "manual" });
        Assert.Equal(PlanTier.Pro, plan.Tier);
        Assert.True(plan.Limits.Chatbots > BillingClusterFixture.FreeChatbots);
        await CreateBotAsync(workspaceId);
        Assert.Equal(BillingClusterFixture.FreeChatbots + 1, Used(await billing.GetUsageAsync(), QuotaKind.Chatbots));
    }

    [Fact]
    public async Task Sources_and_their_characters_are_counted_per_workspace_and_given_back_on_delete()
    {
        var bot = await CreateBotAsync(Ids.New("ws"));
        var knowledge = fixture.Grains.GetGrain<IKnowledgeGrain>(bot.Id);
        var added = new List<KnowledgeSource>();
        for (var i = 0; i < BillingClusterFixture.FreeSources; i++)
        {
            added.Add(await knowledge.AddSourceAsync(Qa($"Question {i}?", $"Answer {i}.")));
        }

        var billing = fixture.Grains.GetGrain<IWorkspaceBillingGrain>(bot.WorkspaceId);
        var usage = await billing.GetUsageAsync();
        Assert.Equal(BillingClusterFixture.FreeSources, Used(usage, QuotaKind.Sources));
        Assert.Equal(added.Sum(s => s.Question!.Length + s.Answer!.Length), Used(usage, QuotaKind.KnowledgeCharacters));

        var refused = await Assert.ThrowsAsync<QuotaExceededException>(() => knowledge.AddSourceAsync(Qa("One more?", "No.")));
        Assert.Equal(QuotaKind.Sources, refused.Quota);
        var page = await knowledge.ListSourcesAsync(null, 10);
        Assert.Equal(BillingClusterFixture.FreeSources, page.Items.Count);

        Assert.True(await knowledge.DeleteSourceAsync(added[0].Id));
        await knowledge.AddSourceAsync(Qa("One more?", "Yes."));

        // Characters are a quota of their own: a long answer does not fit even where a source would.
        Assert.True(await knowledge.DeleteSourceAsync(added[1].Id));
        var tooLong = await Assert.ThrowsAsync<QuotaExceededException>(
            () => knowledge.AddSourceAsync(Qa("Long?", new string('x', BillingClusterFixture.FreeCharacters))));
        Assert.Equal(QuotaKind.KnowledgeCharacters, tooLong.Quota);
        Assert.Equal(BillingClusterFixture.FreeSources - 1, Used(await billing.GetUsageAsync(), QuotaKind.Sources));
    }

    [Fact]
    public async Task An_ingested_source_is_charged_its_characters_and_over_the_plan_fails_keeping_no_content()
    {
        var bot = await CreateBotAsync(Ids.New("ws"));
        var knowledge = fixture.Grains.GetGrain<IKnowledgeGrain>(bot.Id);
        var billing = fixture.Grains.GetGrain<IWorkspaceBillingGrain>(bot.WorkspaceId);

        var fits = await knowledge.AddSourceAsync(Text("Hours", "The shop opens at nine and closes at five on weekdays."));
        var indexed = await SettledAsync(knowledge, fits.Id);
        Assert.Equal(SourceStatus.Indexed, indexed.Status);
        Assert.InRange(indexed.Characters, 40, 80);
        Assert.Equal(indexed.Characters, Used(await billing.GetUsageAsync(), QuotaKind.KnowledgeCharacters));

        var tooBig = await knowledge.AddSourceAsync(Text("Glossary", string.Join(" ", Enumerable.Repeat("zeppelin", 60))));
        var failed = await SettledAsync(knowledge, tooBig.Id);
        Assert.Equal(SourceStatus.Failed, failed.Status);
        Assert.Contains("plan", failed.Error, StringComparison.OrdinalIgnoreCase);
        Assert.Equal((0, 0L), (failed.Chunks, failed.Characters));
        Assert.DoesNotContain(await knowledge.SearchAsync("zeppelin", 5), hit => hit.SourceId == tooBig.Id);
        var usage = await billing.GetUsageAsync();
        Assert.Equal(indexed.Characters, Used(usage, QuotaKind.KnowledgeCharacters));
        Assert.Equal(2, Used(usage, QuotaKind.Sources));

        Assert.True(await knowledge.DeleteSourceAsync(fits.Id));
        Assert.True(await knowledge.DeleteSourceAsync(tooBig.Id));
        usage = await billing.GetUsageAsync();
        Assert.Equal((0L, 0L), (Used(usage, QuotaKind.KnowledgeCharacters), Used(usage, QuotaKind.Sources)));
    }

    private static Task<KnowledgeSource> SettledAsync(IKnowledgeGrain knowledge, string sourceId) =>
        Eventually.ReturnsAsync(
            async () => await knowledge.GetSourceAsync(sourceId) ?? throw new InvalidOperationException("The source vanished."),
            source => source.Status is SourceStatus.Indexed or SourceStatus.Failed,
            $"source {sourceId} indexed or failed",
            TimeSpan.FromSeconds(60));

    private static NewSource Text(string title, string text) => new() { Type = SourceType.Text, Title = title, Text = text };

    [Fact]
    public async Task Deleting_a_chatbot_gives_back_its_sources()
    {
        var bot = await CreateBotAsync(Ids.New("ws"));
        var knowledge = fixture.Grains.GetGrain<IKnowledgeGrain>(bot.Id);
        await knowledge.AddSourceAsync(Qa("Where?", "Here."));
        await knowledge.AddSourceAsync(Qa("When?", "Now."));
        var billing = fixture.Grains.GetGrain<IWorkspaceBillingGrain>(bot.WorkspaceId);
        Assert.Equal(2, Used(await billing.GetUsageAsync(), QuotaKind.Sources));

        Assert.True(await fixture.Grains.GetGrain<IChatbotGrain>(bot.Id).DeleteAsync());

        var usage = await billing.GetUsageAsync();
        Assert.Equal(0, Used(usage, QuotaKind.Chatbots));
        Assert.Equal(0, Used(usage, QuotaKind.Sources));
        Assert.Equal(0, Used(usage, QuotaKind.KnowledgeCharacters));
    }

    [Fact]
    public async Task Seats_are_checked_and_counted_in_one_call()
    {
        var billing = fixture.Grains.GetGrain<IWorkspaceBillingGrain>(Ids.New("ws"));
        QuotaCharge[] seat = [new QuotaCharge(QuotaKind.Seats, 1)];
        await billing.EnsureWithinAsync(QuotaKind.Seats, BillingClusterFixture.FreeSeats);
        await Assert.ThrowsAsync<QuotaExceededException>(() => billing.EnsureWithinAsync(QuotaKind.Seats, BillingClusterFixture.FreeSeats + 1));

        await Task.WhenAll(Enumerable.Range(0, BillingClusterFixture.FreeSeats + 2).Select(async _ =>
        {
            try
            {
                await billing.AcquireAsync(seat, null);
            }
            catch (QuotaExceededException)
            {
            }
        }));
        Assert.Equal(BillingClusterFixture.FreeSeats, Used(await billing.GetUsageAsync(), QuotaKind.Seats));

        await billing.ReleaseAsync(seat, null);
        await billing.AcquireAsync(seat, null);
        var refused = await Assert.ThrowsAsync<QuotaExceededException>(() => billing.AcquireAsync(seat, null));
        Assert.Equal(QuotaKind.Seats, refused.Quota);
    }

    [Fact]
    public async Task A_plan_notification_delivered_twice_changes_the_plan_once()
    {
        var billing = fixture.Grains.GetGrain<IWorkspaceBillingGrain>(Ids.New("ws"));
        Assert.Equal(PlanTier.Free, (await billing.GetPlanAsync()).Tier);

        await billing.ChangePlanAsync(new PlanChange { Tier = PlanTier.Business, Provider = "manual", EventId = "evt_1" });
        await billing.ChangePlanAsync(new PlanChange { Tier = PlanTier.Pro, Provider = "manual", EventId = "evt_2" });
        var replayed = await billing.ChangePlanAsync(new PlanChange { Tier = PlanTier.Business, Provider = "manual", EventId = "evt_1" });

        Assert.Equal(PlanTier.Pro, replayed.Tier);
        Assert.Equal(PlanTier.Pro, (await billing.GetPlanAsync()).Tier);
    }

    private Task<ChatbotInfo> CreateBotAsync(string workspaceId) =>
        fixture.Grains.GetGrain<IChatbotGrain>(Ids.New("bot")).CreateAsync(workspaceId, new ChatbotSettings
        {
            Name = "Quota bot",
            Answer = new AnswerSettings { Model = "instant" },
        });

    private static NewSource Qa(string question, string answer) => new() { Type = SourceType.Qa, Question = question, Answer = answer };

    internal static long Used(WorkspaceUsage usage, QuotaKind kind) => usage.Quotas.Single(q => q.Kind == kind).Used;
}
