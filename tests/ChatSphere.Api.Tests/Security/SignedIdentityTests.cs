using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSphere.Api.Tests.Security;

/// <summary>Issue 11, item 6: only what was signed is stored as verified (the scheme in docs/security.md).</summary>
[Collection(SecurityApiCollection.Name)]
public sealed class SignedIdentityTests(SecurityApiFixture fixture)
{
    [Fact]
    public async Task A_signature_over_the_id_alone_leaves_the_name_and_email_unverified()
    {
        var (owner, bot, secret) = await BotWithSecretAsync();
        await using var hub = fixture.Visitor();
        await hub.StartAsync();
        var start = await hub.InvokeAsync<StartDto>("StartConversation", bot, null);

        await hub.InvokeAsync("Identify", start.ConversationId, "u-42", "Mallory", "ceo@victim.example", Sign(secret, "u-42"));
        var visitor = await owner.GetFromJsonAsync<JsonElement>($"api/v1/conversations/{start.ConversationId}/visitor");

        Assert.Equal("u-42", visitor.GetProperty("userId").GetString());
        Assert.True(visitor.GetProperty("verified").GetBoolean());
        Assert.Equal("ceo@victim.example", visitor.GetProperty("email").GetString());
        Assert.False(visitor.GetProperty("detailsVerified").GetBoolean());
    }

    [Fact]
    public async Task A_signature_over_id_name_and_email_verifies_all_three_and_covers_nothing_else()
    {
        var (owner, bot, secret) = await BotWithSecretAsync();
        await using var hub = fixture.Visitor();
        await hub.StartAsync();
        var start = await hub.InvokeAsync<StartDto>("StartConversation", bot, null);
        var signed = Sign(secret, "u-42\nAnn\nann@example.com");

        var altered = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(
            () => hub.InvokeAsync("Identify", start.ConversationId, "u-42", "Ann", "mallory@example.com", signed));
        await hub.InvokeAsync("Identify", start.ConversationId, "u-42", "Ann", "ann@example.com", signed);
        var visitor = await owner.GetFromJsonAsync<JsonElement>($"api/v1/conversations/{start.ConversationId}/visitor");

        Assert.Contains("signature does not match", altered.Message, StringComparison.Ordinal);
        Assert.Equal("ann@example.com", visitor.GetProperty("email").GetString());
        Assert.True(visitor.GetProperty("verified").GetBoolean());
        Assert.True(visitor.GetProperty("detailsVerified").GetBoolean());
    }

    private async Task<(HttpClient Owner, string Bot, string Secret)> BotWithSecretAsync()
    {
        var (owner, bot) = await fixture.OwnerWithBotAsync();
        using var made = await owner.Http.PostAsync($"api/v1/chatbots/{bot.Id}/widget/identity-secret", null);
        var secret = (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        return (owner.Http, bot.Id, secret);
    }

    private static string Sign(string secret, string text) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(text)));
}
