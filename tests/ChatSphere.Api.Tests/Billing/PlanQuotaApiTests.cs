using System.Net;
using System.Net.Http.Json;
using System.Text;
using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.Api.Billing.Payments;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSphere.Api.Tests.Billing;

[Collection(LimitsApiCollection.Name)]
public sealed class PlanQuotaApiTests(LimitsApiFixture fixture)
{
    /// <summary>How long a test waits for usage reports; a guard against hangs, not a timing assertion.</summary>
    private static readonly TimeSpan ReportWait = TimeSpan.FromSeconds(30);

    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task A_chatbot_over_the_plan_answers_402_with_the_quota_and_a_bigger_plan_lets_it_through()
    {
        var bot = await fixture.NewBotAsync();

        using var refused = await Http.PostAsJsonAsync("api/v1/chatbots", new { workspaceId = bot.WorkspaceId, name = "Second" }, ApiHost.Json);
        var problem = await QuotaProblemAsync(refused);
        Assert.Equal("chatbots", problem.Quota);
        Assert.Equal(LimitsApiFixture.FreeChatbots, problem.Limit);
        Assert.Equal(LimitsApiFixture.FreeChatbots, problem.Used);
        Assert.Equal("free", problem.Plan);
        Assert.Contains("upgrade", problem.Detail);
        Assert.False(string.IsNullOrWhiteSpace(problem.WidgetMessage));

        using var upgraded = await Http.PutAsJsonAsync($"api/v1/workspaces/{bot.WorkspaceId}/billing/plan", new { plan = "pro" }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.OK, upgraded.StatusCode);
        var plan = (await upgraded.Content.ReadFromJsonAsync<PlanDto>(ApiHost.Json))!;
        Assert.Equal("pro", plan.Plan);
        Assert.Equal("manual", plan.Provider);
        Assert.Equal(3, plan.Limits.Chatbots);

        await Http.CreateBotAsync(new { workspaceId = bot.WorkspaceId, name = "Second", answer = new { model = "instant" } });
        var usage = await UsageAsync(bot.WorkspaceId);
        Assert.Equal("pro", usage.Plan);
        Assert.Equal(new QuotaUsageDto("chatbots", 2, 3), usage.Of("chatbots"));
    }

    [Fact]
    public async Task The_owner_holds_a_seat_and_an_invitation_beyond_the_plans_seats_is_refused()
    {
        var owner = await fixture.NewOwnerAsync();
        Assert.Equal(new QuotaUsageDto("seats", 1, 1), (await UsageAsync(owner.WorkspaceId)).Of("seats"));

        using var refused = await Http.PostAsJsonAsync(
            $"api/v1/workspaces/{owner.WorkspaceId}/invitations", new { email = "colleague@example.com", role = "editor" }, ApiHost.Json);
        var problem = await QuotaProblemAsync(refused);
        Assert.Equal("seats", problem.Quota);
        Assert.Equal(1, problem.Limit);

        using (var upgraded = await Http.PutAsJsonAsync($"api/v1/workspaces/{owner.WorkspaceId}/billing/plan", new { plan = "pro" }, ApiHost.Json))
        {
            Assert.Equal(HttpStatusCode.OK, upgraded.StatusCode);
        }

        using var invited = await Http.PostAsJsonAsync(
            $"api/v1/workspaces/{owner.WorkspaceId}/invitations", new { email = "colleague@example.com", role = "editor" }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
    }

    [Fact]
    public async Task Messages_over_the_month_answer_402_on_rest_and_a_hub_error_that_keeps_the_connection()
    {
        var bot = await fixture.NewBotAsync();
        for (var i = 0; i < LimitsApiFixture.FreeMessages; i++)
        {
            await Http.AskAsync(bot.Id, $"Question {i}");
        }

        using var refused = await Http.PostAsJsonAsync($"api/v1/chat/{bot.Id}/messages", new { text = "One too many" }, ApiHost.Json);
        var problem = await QuotaProblemAsync(refused);
        Assert.Equal("messagesPerMonth", problem.Quota);
        Assert.Equal(LimitsApiFixture.FreeMessages, problem.Limit);
        Assert.Equal(LimitsApiFixture.FreeMessages, problem.Used);
        Assert.Equal(problem.Detail, problem.WidgetMessage);

        // The OpenAI-compatible route spends the same month: refused in OpenAI's shape.
        using var completion = await Http.PostAsJsonAsync(
            "api/v1/chat/completions", new { model = bot.Id, messages = new[] { new { role = "user", content = "Still there?" } } }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.TooManyRequests, completion.StatusCode);
        Assert.Contains("insufficient_quota", await completion.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var hub = fixture.NewHub();
        await hub.StartAsync();
        var start = await hub.InvokeAsync<StartDto>("StartConversation", bot.Id, null);
        var error = await Assert.ThrowsAsync<HubException>(() => HubTests.ReadAllAsync(hub.StreamAsync<ChatEvent>("Send", start.ConversationId, "c1", "Hello?")));
        Assert.Contains(problem.WidgetMessage!, error.Message);
        Assert.Equal(HubConnectionState.Connected, hub.State);

        var usage = await WaitForMessagesAsync(bot.WorkspaceId, LimitsApiFixture.FreeMessages);
        Assert.Equal(LimitsApiFixture.FreeMessages, usage.Of("messagesPerMonth").Limit);

        using var upgraded = await Http.PutAsJsonAsync($"api/v1/workspaces/{bot.WorkspaceId}/billing/plan", new { plan = "business" }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.OK, upgraded.StatusCode);
        var events = await HubTests.ReadAllAsync(hub.StreamAsync<ChatEvent>("Send", start.ConversationId, "c2", "Hello again?"));
        Assert.Equal(ChatEventType.Done, events[^1].Type);
        await WaitForMessagesAsync(bot.WorkspaceId, LimitsApiFixture.FreeMessages + 1);
    }

    [Fact]
    public async Task Plan_and_statement_routes_answer_in_the_api_style()
    {
        var workspaceId = (await fixture.NewOwnerAsync()).WorkspaceId;
        var plan = (await Http.GetFromJsonAsync<PlanDto>($"api/v1/workspaces/{workspaceId}/billing/plan", ApiHost.Json))!;
        Assert.Equal("free", plan.Plan);
        Assert.Null(plan.ChangedAt);
        Assert.Null(plan.Limits.VisitorMessagesPerMinute);

        var statements = (await Http.GetFromJsonAsync<PageDto<StatementDto>>($"api/v1/workspaces/{workspaceId}/billing/statements", ApiHost.Json))!;
        Assert.Empty(statements.Items);
        Assert.Null(statements.NextCursor);

        using var badCursor = await Http.GetAsync($"api/v1/workspaces/{workspaceId}/billing/statements?cursor=yesterday");
        Assert.Contains("cursor", (await badCursor.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
        using var badPlan = await Http.PutAsJsonAsync($"api/v1/workspaces/{workspaceId}/billing/plan", new { plan = "platinum" }, ApiHost.Json);
        await badPlan.ProblemAsync(HttpStatusCode.BadRequest);
        using var unlimited = await Http.PutAsJsonAsync($"api/v1/workspaces/{workspaceId}/billing/plan", new { plan = "unlimited" }, ApiHost.Json);
        Assert.Contains("plan", (await unlimited.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
        using var noPlan = await Http.PutAsJsonAsync($"api/v1/workspaces/{workspaceId}/billing/plan", new { }, ApiHost.Json);
        Assert.Contains("plan", (await noPlan.ProblemAsync(HttpStatusCode.BadRequest)).Errors!.Keys);
        using var badWorkspace = await Http.GetAsync("api/v1/workspaces/not%20an%20id/usage");
        await badWorkspace.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_signed_notification_changes_the_plan_once_and_a_forged_one_is_rejected()
    {
        var workspaceId = (await fixture.NewOwnerAsync()).WorkspaceId;
        var body = $$"""{"eventId":"evt_{{workspaceId}}","workspaceId":"{{workspaceId}}","plan":"business","subscriptionReference":"sub_1"}""";

        using var forged = await NotifyAsync(body, ManualPaymentProvider.SignatureOf("wrong-secret", Encoding.UTF8.GetBytes(body)));
        await forged.ProblemAsync(HttpStatusCode.BadRequest);
        using var unsigned = await NotifyAsync(body, null);
        await unsigned.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("free", (await PlanAsync(workspaceId)).Plan);

        var signature = ManualPaymentProvider.SignatureOf(LimitsApiFixture.NotificationSecret, Encoding.UTF8.GetBytes(body));
        using (var accepted = await NotifyAsync(body, signature))
        {
            Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        }

        Assert.Equal("business", (await PlanAsync(workspaceId)).Plan);

        // The customer moves on to Pro; the first notification arriving again must not undo that.
        using (var pro = await Http.PutAsJsonAsync($"api/v1/workspaces/{workspaceId}/billing/plan", new { plan = "pro" }, ApiHost.Json))
        {
            Assert.Equal(HttpStatusCode.OK, pro.StatusCode);
        }

        using (var again = await NotifyAsync(body, signature))
        {
            Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        }

        Assert.Equal("pro", (await PlanAsync(workspaceId)).Plan);
        using var unknownProvider = await Http.PostAsync("api/v1/billing/notifications/nobody", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, unknownProvider.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_billing_routes()
    {
        using var anonymous = fixture.NewClient();
        var document = await anonymous.GetStringAsync("openapi/v1.json");
        Assert.Contains("/api/v1/workspaces/{workspaceId}/usage", document);
        Assert.Contains("/api/v1/workspaces/{workspaceId}/billing/plan", document);
        Assert.Contains("/api/v1/workspaces/{workspaceId}/billing/statements", document);
        Assert.Contains("/api/v1/billing/notifications/{provider}", document);
        Assert.Contains("messagesPerMonth", document);
    }

    private async Task<HttpResponseMessage> NotifyAsync(string body, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/billing/notifications/manual")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (signature is not null)
        {
            request.Headers.Add(ManualPaymentProvider.SignatureHeader, signature);
        }

        return await Http.SendAsync(request);
    }

    private async Task<PlanDto> PlanAsync(string workspaceId) =>
        (await Http.GetFromJsonAsync<PlanDto>($"api/v1/workspaces/{workspaceId}/billing/plan", ApiHost.Json))!;

    private async Task<UsageDto> UsageAsync(string workspaceId) =>
        (await Http.GetFromJsonAsync<UsageDto>($"api/v1/workspaces/{workspaceId}/usage", ApiHost.Json))!;

    private Task<UsageDto> WaitForMessagesAsync(string workspaceId, long expected) =>
        Eventually.ReturnsAsync(
            () => UsageAsync(workspaceId),
            usage => usage.Of("messagesPerMonth").Used == expected,
            $"{expected} messages counted this month",
            ReportWait);

    private static async Task<QuotaProblemDto> QuotaProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<QuotaProblemDto>(ApiHost.Json))!;
        Assert.Equal(402, problem.Status);
        Assert.Equal("https://chatsphere.dev/problems/quota-exceeded", problem.Type);
        return problem;
    }
}
