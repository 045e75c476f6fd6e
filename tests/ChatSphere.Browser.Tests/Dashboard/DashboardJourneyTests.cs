using System.Text.RegularExpressions;

namespace ChatSphere.Browser.Tests.Dashboard;

/// <summary>
/// A newcomer's first minutes in the dashboard, in real Chromium against the real API: sign up, the get-started
/// checklist, create a bot, an invalid setting shown inline, save, reloads that keep every screen (the session comes
/// back from the httpOnly cookie), the unsaved-changes guard, and sign-out.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed partial class DashboardJourneyTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Sign_up_create_a_bot_fix_an_invalid_setting_save_reload_and_sign_out()
    {
        await using var context = await fixture.NewPersonAsync();
        var page = await context.NewPageAsync();

        // Signed out, the dashboard opens on sign-in; sign-up lands on the checklist with nothing done.
        await page.GotoAsync("/chatbots");
        await Assertions.Expect(page).ToHaveURLAsync(SignInUrl());
        await DashboardFixture.SignUpAsync(page);
        var steps = page.GetByTestId("checklist").Locator("li");
        await Assertions.Expect(steps).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("[data-step='create']")).ToHaveAttributeAsync("data-done", "false");

        // The refresh token is out of reach of page scripts: not in document.cookie, not in storage.
        Assert.DoesNotContain("chatsphere_refresh", await page.EvaluateAsync<string>("() => document.cookie"), StringComparison.Ordinal);
        // Access tokens are JWTs (eyJ...); refresh tokens start with the user's id (usr_...).
        Assert.Equal(0, await page.EvaluateAsync<int>(
            "() => [...Object.values(localStorage), ...Object.values(sessionStorage)].filter(v => v.includes('eyJ') || v.includes('usr_')).length"));
        var cookie = Assert.Single(await context.CookiesAsync(), c => c.Name == "chatsphere_refresh");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.Equal("/api/v1/auth", cookie.Path);

        // Step 1 of the checklist: create a chatbot.
        await page.Locator("[data-step='create']").GetByRole(AriaRole.Link, new() { Name = "Create a chatbot" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Create a chatbot" });
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(dialog.GetByText("Is required.")).ToBeVisibleAsync();
        await dialog.GetByLabel("Name").FillAsync("Shop helper");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Shop helper", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveURLAsync(BotUrl());
        var botUrl = page.Url;

        // An out-of-range setting: the API's error shows under its field, and the field is marked invalid.
        var temperature = page.GetByLabel("Temperature");
        await temperature.FillAsync("5");
        await page.GetByTestId("save-chatbot").ClickAsync();
        await Assertions.Expect(temperature).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByText("Must be between 0 and 2.")).ToBeVisibleAsync();
        await Assertions.Expect(temperature).ToBeFocusedAsync();

        // Fixed and saved, with a welcome message too.
        await temperature.FillAsync("0.5");
        await page.GetByLabel("Welcome message").FillAsync("Hello! Ask me about the shop.");
        await page.GetByTestId("save-chatbot").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Settings saved." })).ToBeVisibleAsync();
        await Assertions.Expect(temperature).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByTestId("save-chatbot")).ToBeDisabledAsync();

        // A reload keeps the session and the screen, with the saved values.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Shop helper", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Temperature")).ToHaveValueAsync("0.5");
        await Assertions.Expect(page.GetByLabel("Welcome message")).ToHaveValueAsync("Hello! Ask me about the shop.");

        // Unsaved edits: leaving asks first; staying keeps the edit.
        await page.GetByLabel("Welcome message").FillAsync("Changed my mind");
        page.Dialog += async (_, d) => await d.DismissAsync();
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Chatbots" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(botUrl);
        await Assertions.Expect(page.GetByLabel("Welcome message")).ToHaveValueAsync("Changed my mind");
        await page.GetByRole(AriaRole.Button, new() { Name = "Discard changes" }).ClickAsync();

        // Every route reloads into the same screen.
        foreach (var (path, heading) in new[] { ("/", "Get started"), ("/chatbots", "Chatbots"), (new Uri(botUrl).AbsolutePath, "Shop helper") })
        {
            await page.GotoAsync(path);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
            await page.ReloadAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
            Assert.EndsWith(path, new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        }

        // The checklist ticked itself; the list shows the bot with its model's health.
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("[data-step='create']")).ToHaveAttributeAsync("data-done", "true");
        await page.GotoAsync("/chatbots");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Shop helper" });
        await Assertions.Expect(row).ToContainTextAsync("embedded");
        await Assertions.Expect(row).ToContainTextAsync("no sources");

        // Sign out: back to sign-in, and a reload does not bring the session back.
        await page.GetByRole(AriaRole.Button, new() { NameRegex = AccountMenu() }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(SignInUrl());
        await page.GotoAsync("/chatbots");
        await Assertions.Expect(page).ToHaveURLAsync(SignInUrl());
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "chatsphere_refresh");
    }

    [Fact]
    public async Task Deleting_a_bot_asks_first_and_the_list_forgets_it()
    {
        await using var context = await fixture.NewPersonAsync();
        var page = await context.NewPageAsync();
        await DashboardFixture.SignUpAsync(page);
        await page.GotoAsync("/chatbots");
        await Assertions.Expect(page.GetByText("No chatbots yet")).ToBeVisibleAsync();
        await page.GetByTestId("create-chatbot").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByLabel("Name").FillAsync("Short-lived");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(BotUrl());
        await page.GotoAsync("/chatbots");

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete Short-lived" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = "Delete Short-lived?" });
        await Assertions.Expect(confirm).ToBeVisibleAsync();
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Short-lived" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete Short-lived" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete chatbot" }).ClickAsync();
        await Assertions.Expect(page.GetByText("No chatbots yet")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByText("No chatbots yet")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task At_360_pixels_the_sidebar_is_a_menu_that_opens_navigates_and_closes()
    {
        await using var context = await fixture.NewPersonAsync(width: 360, height: 740);
        var page = await context.NewPageAsync();
        await DashboardFixture.SignUpAsync(page);

        var menu = page.GetByRole(AriaRole.Button, new() { Name = "Open menu" });
        await Assertions.Expect(menu).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 360"), "The page scrolls sideways at 360 px.");
        await menu.ClickAsync();
        var drawer = page.GetByRole(AriaRole.Dialog, new() { Name = "ChatSphere" });
        await Assertions.Expect(drawer).ToBeVisibleAsync();
        await drawer.GetByRole(AriaRole.Link, new() { Name = "Chatbots" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Chatbots", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(drawer).ToBeHiddenAsync();
        // After navigation focus is on the new screen's heading (keyboard and screen reader users land on the content).
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Chatbots", Level = 1 })).ToBeFocusedAsync();
    }

    [GeneratedRegex("/sign-in")]
    private static partial Regex SignInUrl();

    [GeneratedRegex("/chatbots/bot_[^/]+$")]
    private static partial Regex BotUrl();

    [GeneratedRegex("^Account menu for")]
    private static partial Regex AccountMenu();
}
