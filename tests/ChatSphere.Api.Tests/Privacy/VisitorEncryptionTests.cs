using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChatSphere.Api.Tests.Accounts;
using Microsoft.AspNetCore.SignalR.Client;

namespace ChatSphere.Api.Tests.Privacy;

/// <summary>Visitors' names, addresses and lead answers are ciphertext in the table, yet read back and erase by address.</summary>
[Collection(PrivacyApiCollection.Name)]
public sealed class VisitorEncryptionTests(PrivacyApiFixture fixture)
{
    [Theory]
    [InlineData(PrivacyApiFixture.Sqlite)]
    [InlineData(PrivacyApiFixture.Postgres)]
    public async Task The_visitor_table_holds_no_plaintext_name_address_or_lead_answer(string provider)
    {
        var host = fixture[provider];
        using var owner = await host.RegisterAsync();
        var bot = await owner.LeadBotAsync();
        using var made = await owner.Http.PostAsync($"api/v1/chatbots/{bot.Id}/widget/identity-secret", null);
        var secret = (await made.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        await using var hub = host.Hub();
        await hub.StartAsync();
        var led = await PrivacyTestKit.TalkAsync(hub, bot.Id, leadEmail: "Zed.Lead@Example.com");
        var identified = await PrivacyTestKit.TalkAsync(hub, bot.Id, led.VisitorToken, fresh: true);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes("customer-77")));
        await hub.InvokeAsync("Identify", identified.ConversationId, "customer-77", "Zed Signed", "zed.signed@example.com", signature);

        var rows = await PrivacyApiFixture.RowsAsync(host,
            "SELECT name, email, lead, email_hash, lead_email_hash FROM cs_conversation_visitors WHERE conversation_id IN (@a, @b)",
            ("a", led.ConversationId), ("b", identified.ConversationId));
        Assert.Equal(2, rows.Count);
        var raw = string.Join("|", rows.SelectMany(r => r));
        foreach (var plain in new[] { "zed.lead", "zed.signed", "Ann Visitor", "Zed Signed", "example.com" })
        {
            Assert.DoesNotContain(plain, raw, StringComparison.OrdinalIgnoreCase);
        }

        Assert.All(rows, r => Assert.StartsWith("pd1:", r[1], StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Matches("^[0-9a-f]{64}$", r[3]));

        // The API reads them back as they were given.
        var lead = await owner.Http.GetFromJsonAsync<JsonElement>($"api/v1/conversations/{led.ConversationId}/visitor", ApiHost.Json);
        Assert.Equal("Zed.Lead@Example.com", lead.GetProperty("lead").GetProperty("email").GetString());
        Assert.Equal("Ann Visitor", lead.GetProperty("name").GetString());
        var signed = await owner.Http.GetFromJsonAsync<JsonElement>($"api/v1/conversations/{identified.ConversationId}/visitor", ApiHost.Json);
        Assert.Equal("zed.signed@example.com", signed.GetProperty("email").GetString());

        // Erasure by the address given in the signed identity finds the visitor, and with them the lead conversation.
        using var erased = await owner.Http.PostAsJsonAsync($"api/v1/workspaces/{owner.WorkspaceId}/visitors/erase", new { email = "ZED.SIGNED@example.com" }, ApiHost.Json);
        Assert.Equal(2, (await erased.Content.ReadFromJsonAsync<JsonElement>(ApiHost.Json)).GetProperty("conversations").GetInt32());
        Assert.Equal(0, await PrivacyTestKit.TotalRowsOfAsync(host, led.ConversationId));
    }

    [Theory]
    [InlineData(PrivacyApiFixture.Sqlite)]
    [InlineData(PrivacyApiFixture.Postgres)]
    public async Task Rows_written_before_encryption_still_read_and_are_encrypted_and_found_by_an_erasure(string provider)
    {
        var host = fixture[provider];
        using var owner = await host.RegisterAsync();
        var bot = await owner.LeadBotAsync();
        await using var hub = host.Hub();
        await hub.StartAsync();
        var legacy = await PrivacyTestKit.TalkAsync(hub, bot.Id);
        // A row as the previous version wrote it: plain text, no hashes.
        await PrivacyApiFixture.ExecuteAsync(host,
            "INSERT INTO cs_conversation_visitors (conversation_id, user_id, name, email, verified, lead, updated_at) VALUES (@c, NULL, @n, @e, 0, @l, @t)",
            ("c", legacy.ConversationId), ("n", "Old Timer"), ("e", "old.timer@example.com"),
            ("l", "{\"name\":\"Old Timer\",\"email\":\"old.timer@example.com\"}"), ("t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));

        var read = await owner.Http.GetFromJsonAsync<JsonElement>($"api/v1/conversations/{legacy.ConversationId}/visitor", ApiHost.Json);
        Assert.Equal("old.timer@example.com", read.GetProperty("email").GetString());
        Assert.Equal("Old Timer", read.GetProperty("lead").GetProperty("name").GetString());

        using var erased = await owner.Http.PostAsJsonAsync($"api/v1/workspaces/{owner.WorkspaceId}/visitors/erase", new { email = "Old.Timer@example.com" }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.Accepted, erased.StatusCode);
        Assert.Equal(1, (await erased.Content.ReadFromJsonAsync<JsonElement>(ApiHost.Json)).GetProperty("conversations").GetInt32());
        Assert.Equal(0, await PrivacyTestKit.TotalRowsOfAsync(host, legacy.ConversationId));
    }
}
