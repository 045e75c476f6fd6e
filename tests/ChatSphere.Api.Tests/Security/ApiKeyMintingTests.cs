using System.Net;
using System.Net.Http.Json;
using ChatSphere.Api.Tests.Accounts;

namespace ChatSphere.Api.Tests.Security;

/// <summary>Issue 11, suspected: a key mints only keys within its own scopes (never admin), and revoking it revokes them.</summary>
[Collection(SecurityApiCollection.Name)]
public sealed class ApiKeyMintingTests(SecurityApiFixture fixture)
{
    [Fact]
    public async Task An_admin_key_cannot_mint_admin_keys_or_scopes_it_lacks()
    {
        var (owner, _) = await fixture.OwnerWithBotAsync();
        var admin = await CreateAsync(owner.Http, owner.WorkspaceId, "admin", "read");
        using var asAdmin = fixture.Host.Client(admin.Secret);

        using var adminChild = await asAdmin.PostAsJsonAsync($"api/v1/workspaces/{owner.WorkspaceId}/api-keys", new { name = "Escalated", scopes = new[] { "admin" } }, ApiHost.Json);
        using var wider = await asAdmin.PostAsJsonAsync($"api/v1/workspaces/{owner.WorkspaceId}/api-keys", new { name = "Wider", scopes = new[] { "write" } }, ApiHost.Json);
        using var within = await asAdmin.PostAsJsonAsync($"api/v1/workspaces/{owner.WorkspaceId}/api-keys", new { name = "Within", scopes = new[] { "read" } }, ApiHost.Json);

        Assert.Contains("never admin", (await adminChild.ProblemAsync(HttpStatusCode.Forbidden)).Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, wider.StatusCode);
        Assert.Equal(HttpStatusCode.Created, within.StatusCode);
    }

    [Fact]
    public async Task Revoking_a_key_revokes_the_keys_it_created_and_theirs()
    {
        var (owner, bot) = await fixture.OwnerWithBotAsync();
        var parent = await CreateAsync(owner.Http, owner.WorkspaceId, "admin", "read", "chat");
        using var asParent = fixture.Host.Client(parent.Secret);
        var child = await CreateAsync(asParent, owner.WorkspaceId, "read", "chat");
        var sibling = await CreateAsync(owner.Http, owner.WorkspaceId, "read");
        using var asChild = fixture.Host.Client(child.Secret);
        using var asSibling = fixture.Host.Client(sibling.Secret);
        Assert.Equal(HttpStatusCode.OK, await asChild.GetAsync($"api/v1/chatbots/{bot.Id}").StatusAsync());

        Assert.Equal(HttpStatusCode.NoContent, await owner.Http.DeleteAsync($"api/v1/workspaces/{owner.WorkspaceId}/api-keys/{parent.Key.Id}").StatusAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, await asChild.GetAsync($"api/v1/chatbots/{bot.Id}").StatusAsync());
        Assert.Equal(HttpStatusCode.OK, await asSibling.GetAsync($"api/v1/chatbots/{bot.Id}").StatusAsync());
    }

    private static async Task<IssuedApiKeyDto> CreateAsync(HttpClient http, string workspaceId, params string[] scopes)
    {
        using var created = await http.PostAsJsonAsync($"api/v1/workspaces/{workspaceId}/api-keys", new { name = "Key", scopes }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<IssuedApiKeyDto>(ApiHost.Json))!;
    }
}
