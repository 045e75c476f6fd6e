using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.Grains.Chatbots;
using ChatSphere.Grains.Tests.Conversations;

namespace ChatSphere.Grains.Tests.Chatbots;

/// <summary>A bot's widget settings: validated by field, patched member by member, and stored so they read back.</summary>
[Collection(ClusterCollection.Name)]
public sealed class WidgetSettingsTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Widget_settings_survive_a_new_activation_and_patch_member_by_member()
    {
        var bot = fixture.Grains.GetGrain<IChatbotGrain>(Ids.New("bot"));
        await bot.CreateAsync(Ids.New("ws"), new ChatbotSettings
        {
            Name = "Widget bot",
            Answer = new AnswerSettings { Model = "instant" },
            Widget = new WidgetAppearance { PrimaryColor = "#112233", Title = "Help", Position = "left" },
            AllowedDomains = [" Example.COM ", "*.example.org"],
            LeadCapture = new LeadCaptureSettings { Enabled = true, Fields = ["email", "name"], Title = "  " },
        });

        await bot.UpdateAsync(new ChatbotPatch { Widget = new WidgetAppearancePatch { Subtitle = "Fast answers", Title = "" }, IdentitySecret = "protected-secret" });
        // The next call reads the bot from grain storage, as after a restart.
        await Activations.CollectIdleAsync(fixture.Grains, bot);
        var stored = (await bot.GetAsync())!.Settings;

        Assert.Equal("#112233", stored.Widget.PrimaryColor);
        Assert.Equal("left", stored.Widget.Position);
        Assert.Equal("Fast answers", stored.Widget.Subtitle);
        Assert.Null(stored.Widget.Title);
        Assert.Equal(["example.com", "*.example.org"], stored.AllowedDomains);
        Assert.Equal(["email", "name"], stored.LeadCapture.Fields);
        Assert.Null(stored.LeadCapture.Title);
        Assert.Equal("protected-secret", stored.IdentitySecret);

        await bot.UpdateAsync(new ChatbotPatch { IdentitySecret = "" });
        Assert.Null((await bot.GetAsync())!.Settings.IdentitySecret);

        // An enabled form without fields asks for name and email; a disabled one keeps none.
        var enabled = await bot.UpdateAsync(new ChatbotPatch { LeadCapture = new LeadCaptureSettings { Enabled = true } });
        Assert.Equal(["name", "email"], enabled.Settings.LeadCapture.Fields);
        var disabled = await bot.UpdateAsync(new ChatbotPatch { LeadCapture = new LeadCaptureSettings() });
        Assert.Empty(disabled.Settings.LeadCapture.Fields);
    }

    [Fact]
    public async Task Invalid_widget_settings_are_refused_with_every_field_named()
    {
        var bot = fixture.Grains.GetGrain<IChatbotGrain>(Ids.New("bot"));
        await bot.CreateAsync(Ids.New("ws"), new ChatbotSettings { Name = "Strict bot", Answer = new AnswerSettings { Model = "instant" } });
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => bot.UpdateAsync(new ChatbotPatch
        {
            Widget = new WidgetAppearancePatch { LauncherIcon = "http://insecure.example.com/icon.png", OffsetY = -1, AutoOpenDelaySeconds = 4000, Title = new string('t', 81) },
            AllowedDomains = Enumerable.Range(0, AllowedOrigin.MaxEntries + 1).Select(i => $"site{i}.example.com").ToArray(),
            LeadCapture = new LeadCaptureSettings { Enabled = true, Fields = ["name", "name"] },
        }));

        Assert.Equal(
            ["allowedDomains", "leadCapture.fields", "widget.autoOpenDelaySeconds", "widget.launcherIcon", "widget.offsetY", "widget.title"],
            refused.Errors.Keys.Order());
        Assert.Equal("#1d4ed8", (await bot.GetAsync())!.Settings.Widget.PrimaryColor);
    }
}
