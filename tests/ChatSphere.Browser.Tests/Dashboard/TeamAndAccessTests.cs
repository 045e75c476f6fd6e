using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ChatSphere.Browser.Tests.Dashboard;

/// <summary>
/// The dashboard's team, API key, audit log, plan, settings and profile screens in Chromium against the real API:
/// an invited viewer sees only a viewer's controls, a key's secret is shown once and works, the usage meter moves,
/// the audit log shows what was just done, every screen passes axe-core in light and dark and survives a reload.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class TeamAndAccessTests(DashboardFixture fixture)
{
    private static readonly (string Path, string Heading)[] Screens =
    [
        ("/team", "Team"), ("/api-keys", "API keys"), ("/audit-log", "Audit log"), ("/plan", "Plan and usage"),
        ("/settings", "Workspace settings"), ("/profile", "Profile"),
    ];

    [Fact]
    public async Task An_invited_viewer_accepts_from_the_email_and_sees_the_bot_without_edit_controls()
    {
        var ownerEmail = await fixture.RegisterAsync("Olivia");
        var (ownerApi, workspaceId) = await fixture.ApiAsAsync(ownerEmail);
        using var _ = ownerApi;
        await DashboardFixture.CreateBotAsync(ownerApi, workspaceId, "Returns helper");
        var viewerEmail = $"victor-{Guid.NewGuid():N}@example.com";

        // The owner invites a viewer from the team screen.
        await using var ownerContext = await fixture.NewPersonAsync(height: 900);
        var owner = await ownerContext.NewPageAsync();
        await DashboardFixture.SignInAsync(owner, ownerEmail);
        await DashboardFixture.OpenAsync(owner, "/team", "Team");
        await owner.GetByTestId("invite-member").ClickAsync();
        var dialog = owner.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Email address").FillAsync(viewerEmail);
        await dialog.GetByLabel("Role").SelectOptionAsync("viewer");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Assertions.Expect(owner.GetByRole(AriaRole.Main).GetByText(viewerEmail)).ToBeVisibleAsync();

        // The invited person follows the emailed link, creates their account, accepts.
        var link = new Uri(fixture.Emails.LinkFor(viewerEmail, "invitation"));
        await using var viewerContext = await fixture.NewPersonAsync(height: 900);
        var viewer = await viewerContext.NewPageAsync();
        await viewer.GotoAsync(new Uri(fixture.Api.BaseAddress, link.PathAndQuery.TrimStart('/')).ToString());
        await viewer.GetByRole(AriaRole.Link, new() { Name = "Create account" }).ClickAsync();
        await viewer.GetByLabel("Your name").FillAsync("Victor");
        await viewer.GetByLabel("Email").FillAsync(viewerEmail);
        await viewer.GetByLabel("Password").FillAsync(DashboardFixture.Password);
        await viewer.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await viewer.GetByTestId("accept-invitation").ClickAsync();
        await viewer.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");

        // The viewer sees the bot, but nothing a viewer may not use.
        await DashboardFixture.OpenAsync(viewer, "/chatbots", "Chatbots");
        await Assertions.Expect(viewer.GetByRole(AriaRole.Link, new() { Name = "Returns helper" })).ToBeVisibleAsync();
        await Assertions.Expect(viewer.GetByTestId("create-chatbot")).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.GetByRole(AriaRole.Button, new() { Name = "Delete Returns helper" })).ToHaveCountAsync(0);
        var nav = viewer.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Team" })).ToBeVisibleAsync();
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "API keys" })).ToHaveCountAsync(0);
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Settings" })).ToHaveCountAsync(0);
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Audit log" })).ToHaveCountAsync(0);
        await DashboardFixture.OpenAsync(viewer, "/team", "Team");
        await Assertions.Expect(viewer.GetByRole(AriaRole.Main).GetByText(ownerEmail)).ToBeVisibleAsync();
        await Assertions.Expect(viewer.GetByTestId("invite-member")).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.GetByRole(AriaRole.Main).GetByRole(AriaRole.Combobox)).ToHaveCountAsync(0);
        await Assertions.Expect(viewer.GetByTestId("leave-workspace")).ToBeVisibleAsync();

        // The viewer may talk to the bot in the playground, but a reply's details (model, tokens, passages) are for the
        // people who build the bot: not offered, and the API refuses them.
        await DashboardFixture.OpenAsync(viewer, "/chatbots", "Chatbots");
        await viewer.GetByRole(AriaRole.Link, new() { Name = "Returns helper" }).ClickAsync();
        await viewer.GetByRole(AriaRole.Navigation, new() { Name = "Chatbot pages" }).GetByRole(AriaRole.Link, new() { Name = "Playground", Exact = true }).ClickAsync();
        await viewer.GetByLabel("Message", new() { Exact = true }).FillAsync("Can I return this?");
        await viewer.GetByTestId("playground-send").ClickAsync();
        var reply = viewer.GetByTestId("playground-reply").Last;
        await Assertions.Expect(reply).Not.ToHaveAttributeAsync("data-streaming", "true", new() { Timeout = 30_000 });
        await Assertions.Expect(reply).Not.ToBeEmptyAsync();
        await Assertions.Expect(reply.GetByTestId("playground-details")).ToHaveCountAsync(0);

        // A route the role may not use sends the viewer home; the API refuses anyway.
        await viewer.GotoAsync(new Uri(fixture.Api.BaseAddress, "api-keys").ToString());
        await viewer.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");

        // The owner's audit log shows the invitation and the joining.
        await DashboardFixture.OpenAsync(owner, "/audit-log", "Audit log");
        var entries = owner.GetByTestId("audit-entries");
        await Assertions.Expect(entries.Locator("[data-action='invitation.created']")).ToHaveCountAsync(1);
        await Assertions.Expect(entries.Locator("[data-action='member.joined']")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task An_api_key_secret_is_shown_once_works_against_the_api_and_the_audit_log_shows_it()
    {
        var ownerEmail = await fixture.RegisterAsync("Ada");
        var (ownerApi, workspaceId) = await fixture.ApiAsAsync(ownerEmail);
        ownerApi.Dispose();
        await using var context = await fixture.NewPersonAsync(height: 900);
        var page = await context.NewPageAsync();
        await DashboardFixture.SignInAsync(page, ownerEmail);
        await DashboardFixture.OpenAsync(page, "/api-keys", "API keys");

        await page.GetByTestId("create-api-key").First.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name").FillAsync("Reporting job");
        await dialog.GetByLabel("Chat", new() { Exact = true }).UncheckAsync();
        await dialog.GetByLabel("Read", new() { Exact = true }).CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();

        var secretDialog = page.GetByTestId("api-key-secret-dialog");
        await Assertions.Expect(secretDialog.GetByText("You will not see it again")).ToBeVisibleAsync();
        var secret = (await page.GetByTestId("api-key-secret").TextContentAsync())!.Trim();
        Assert.False(string.IsNullOrEmpty(secret));
        await page.GetByTestId("api-key-secret-done").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);

        // Gone from the page, and a reload does not bring it back.
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByText("Reporting job")).ToBeVisibleAsync();
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);

        // The key works with its scope.
        using var keyed = new HttpClient { BaseAddress = fixture.Api.BaseAddress };
        keyed.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        using var listed = await keyed.GetAsync($"api/v1/chatbots?workspaceId={workspaceId}");
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        using var refused = await keyed.PostAsJsonAsync("api/v1/chatbots", new { workspaceId, name = "Not allowed" }, ApiServer.Json);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        // The audit log shows the key's creation, also when filtered to the API key area.
        await DashboardFixture.OpenAsync(page, "/audit-log", "Audit log");
        await page.GetByLabel("Area").SelectOptionAsync("apikey");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        var entries = page.GetByTestId("audit-entries");
        await Assertions.Expect(entries.Locator("[data-action='apikey.created']")).ToHaveCountAsync(1);
        await Assertions.Expect(entries.Locator("[data-action^='auth.']")).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByLabel("Area")).ToHaveValueAsync("apikey");
        await Assertions.Expect(page.GetByTestId("audit-entries").Locator("[data-action='apikey.created']")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task The_usage_meter_moves_after_a_chat_message()
    {
        var ownerEmail = await fixture.RegisterAsync("Mia");
        var (ownerApi, workspaceId) = await fixture.ApiAsAsync(ownerEmail);
        using var _ = ownerApi;
        var botId = await DashboardFixture.CreateBotAsync(ownerApi, workspaceId, "Meter bot");
        await using var context = await fixture.NewPersonAsync(height: 900);
        var page = await context.NewPageAsync();
        await DashboardFixture.SignInAsync(page, ownerEmail);
        await DashboardFixture.OpenAsync(page, "/plan", "Plan and usage");
        var messages = page.Locator("[data-quota='messagesPerMonth'] [data-testid='usage-figure']");
        await Assertions.Expect(messages).ToContainTextAsync("0");
        var before = await messages.TextContentAsync();

        using var sent = await ownerApi.PostAsJsonAsync($"api/v1/chat/{botId}/messages", new { text = "Hello there" }, ApiServer.Json);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);

        // Silos report metered messages to the billing grain every second, so the count lands within a few seconds:
        // reload (as a person would) until it shows.
        var after = await Eventually.ReturnsAsync(
            async () =>
            {
                await page.ReloadAsync();
                await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Plan and usage" })).ToBeVisibleAsync();
                await Assertions.Expect(messages).ToBeVisibleAsync();
                return await messages.TextContentAsync();
            },
            shown => shown != before,
            "the metered message on the plan page",
            TimeSpan.FromSeconds(60),
            TimeSpan.FromMilliseconds(500));

        Assert.NotEqual(before, after);
        Assert.StartsWith("1", after!.Trim(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Every_team_and_account_screen_passes_axe_and_keeps_itself_on_reload(ColorScheme scheme)
    {
        var ownerEmail = await fixture.RegisterAsync("Ines");
        var (ownerApi, workspaceId) = await fixture.ApiAsAsync(ownerEmail);
        using var _ = ownerApi;
        var botId = await DashboardFixture.CreateBotAsync(ownerApi, workspaceId, "Axe bot");
        using var chatted = await ownerApi.PostAsJsonAsync($"api/v1/chat/{botId}/messages", new { text = "Hello" }, ApiServer.Json);
        chatted.EnsureSuccessStatusCode();
        using var invited = await ownerApi.PostAsJsonAsync($"api/v1/workspaces/{workspaceId}/invitations", new { email = $"eve-{Guid.NewGuid():N}@example.com", role = "editor" }, ApiServer.Json);
        invited.EnsureSuccessStatusCode();
        using var key = await ownerApi.PostAsJsonAsync($"api/v1/workspaces/{workspaceId}/api-keys", new { name = "CI", scopes = new[] { "read" } }, ApiServer.Json);
        key.EnsureSuccessStatusCode();

        foreach (var width in new[] { 1280, 360 })
        {
            await using var context = await fixture.NewPersonAsync(scheme, width, 900);
            var page = await context.NewPageAsync();
            await DashboardFixture.SignInAsync(page, ownerEmail);
            foreach (var (path, heading) in Screens)
            {
                await DashboardFixture.OpenAsync(page, path, heading);
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                var violations = await fixture.AxeAsync(page);
                Assert.True(violations.Count == 0, $"{path} at {width} px ({scheme}): {string.Join("; ", violations)}");
                Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{path} scrolls sideways at {width} px");
                await DashboardFixture.ScreenshotAsync(page, path);

                await page.ReloadAsync();
                await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = heading })).ToBeVisibleAsync();
                Assert.Equal(path, new Uri(page.Url).AbsolutePath);
            }
        }
    }
}
