namespace ChatSphere.Browser.Tests.Dashboard;

/// <summary>axe-core finds no serious or critical violation on any of the dashboard's screens, in the system's light
/// and dark colour schemes (dark mode follows the system until the person picks one).</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardAccessibilityTests(DashboardFixture fixture)
{
    [Theory]
    [InlineData(ColorScheme.Light, 1280)]
    [InlineData(ColorScheme.Dark, 1280)]
    [InlineData(ColorScheme.Light, 360)]
    [InlineData(ColorScheme.Dark, 360)]
    public async Task Axe_finds_nothing_serious_on_any_screen(ColorScheme scheme, int width)
    {
        await using var context = await fixture.NewPersonAsync(scheme, width);
        var page = await context.NewPageAsync();
        var found = new List<string>();

        async Task CheckAsync(string screen, string heading)
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
            // Toasts and busy states settle first: axe checks what a person would see.
            await Assertions.Expect(page.Locator("[aria-busy='true']")).ToHaveCountAsync(0);
            Assert.Equal(scheme == ColorScheme.Dark, await page.EvaluateAsync<bool>("() => document.documentElement.classList.contains('dark')"));
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{screen} scrolls sideways at {width} px");
            found.AddRange((await fixture.AxeAsync(page)).Select(v => $"{screen}: {v}"));
            await DashboardFixture.ScreenshotAsync(page, screen);
        }

        foreach (var (path, heading) in new[] { ("/sign-in", "Sign in"), ("/sign-up", "Create your account"), ("/forgot-password", "Reset your password"), ("/reset-password?token=x", "Choose a new password"), ("/invitations/accept?token=x", "Join a workspace") })
        {
            await page.GotoAsync(path);
            await CheckAsync(path, heading);
        }

        await DashboardFixture.SignUpAsync(page);
        await CheckAsync("/ (checklist)", "Get started");

        await page.GotoAsync("/chatbots");
        await Assertions.Expect(page.GetByText("No chatbots yet")).ToBeVisibleAsync();
        await CheckAsync("/chatbots (empty)", "Chatbots");

        await page.GetByTestId("create-chatbot").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        found.AddRange((await fixture.AxeAsync(page)).Select(v => $"create dialog: {v}"));
        await DashboardFixture.ScreenshotAsync(page, "chatbots-create");
        await page.GetByRole(AriaRole.Dialog).GetByLabel("Name").FillAsync("Axe bot");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await CheckAsync("chatbot editor", "Axe bot");

        // The editor with an error shown inline.
        await page.GetByLabel("Temperature").FillAsync("9");
        await page.GetByTestId("save-chatbot").ClickAsync();
        await Assertions.Expect(page.GetByText("Must be between 0 and 2.")).ToBeVisibleAsync();
        found.AddRange((await fixture.AxeAsync(page)).Select(v => $"chatbot editor (invalid): {v}"));
        await DashboardFixture.ScreenshotAsync(page, "chatbot-editor-invalid");

        await page.GotoAsync("/chatbots");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Axe bot" })).ToBeVisibleAsync();
        await CheckAsync("/chatbots", "Chatbots");

        await page.GotoAsync("/no-such-screen");
        await CheckAsync("not found", "Page not found");

        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Account menu") }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Menu)).ToBeVisibleAsync();
        found.AddRange((await fixture.AxeAsync(page)).Select(v => $"user menu: {v}"));
        await DashboardFixture.ScreenshotAsync(page, "user-menu");
        await page.Keyboard.PressAsync("Escape");

        // Loading and error states: the bots list while the API has not answered, then when it fails.
        var held = new TaskCompletionSource();
        await page.RouteAsync("**/api/v1/chatbots?*", async route =>
        {
            await held.Task;
            await route.FulfillAsync(new() { Status = 503, ContentType = "application/problem+json", Body = "{\"title\":\"Service unavailable\",\"status\":503,\"detail\":\"The service is starting. Please retry in a few seconds.\"}" });
        });
        await page.GotoAsync("/chatbots");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Loading" })).ToBeVisibleAsync();
        found.AddRange((await fixture.AxeAsync(page)).Select(v => $"/chatbots (loading): {v}"));
        await DashboardFixture.ScreenshotAsync(page, "chatbots-loading");
        held.SetResult();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Try again" })).ToBeVisibleAsync();
        found.AddRange((await fixture.AxeAsync(page)).Select(v => $"/chatbots (error): {v}"));
        await DashboardFixture.ScreenshotAsync(page, "chatbots-error");
        await page.UnrouteAllAsync(new() { Behavior = UnrouteBehavior.IgnoreErrors });

        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public async Task The_dark_mode_toggle_overrides_the_system_and_is_remembered()
    {
        await using var context = await fixture.NewPersonAsync(ColorScheme.Light);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/sign-in");
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Dark mode" });
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");
        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.classList.contains('dark')"));
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Dark mode" })).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.classList.contains('dark')"));
    }

    [Fact]
    public async Task Keyboard_users_can_skip_to_the_content()
    {
        await using var context = await fixture.NewPersonAsync();
        var page = await context.NewPageAsync();
        await DashboardFixture.SignUpAsync(page);
        await page.GotoAsync("/chatbots");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Chatbots", Level = 1 })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" });
        await Assertions.Expect(skip).ToBeFocusedAsync();
        await Assertions.Expect(skip).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#main")).ToBeFocusedAsync();
    }
}
