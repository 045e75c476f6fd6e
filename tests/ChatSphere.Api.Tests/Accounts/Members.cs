using System.Net;
using System.Net.Http.Json;

namespace ChatSphere.Api.Tests.Accounts;

/// <summary>Brings people into a workspace the way users do: an invitation email, then acceptance.</summary>
public static class Members
{
    public static async Task<TestUser> InviteAndJoinAsync(this AccountsApiFixture fixture, TestUser inviter, string workspaceId, string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}@example.com";
        var token = await fixture.InviteAsync(inviter, workspaceId, email, role);
        var member = await fixture.Host.RegisterAsync(email, role);
        using var accept = await member.Http.PostAsJsonAsync("api/v1/invitations/accept", new { token }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.OK, accept.StatusCode);
        var workspace = (await accept.Content.ReadFromJsonAsync<WorkspaceDto>(ApiHost.Json))!;
        Assert.Equal(role, workspace.Role);
        return member;
    }

    /// <summary>Sends an invitation and returns the token from its email.</summary>
    public static async Task<string> InviteAsync(this AccountsApiFixture fixture, TestUser inviter, string workspaceId, string email, string role)
    {
        using var invite = await inviter.Http.PostAsJsonAsync($"api/v1/workspaces/{workspaceId}/invitations", new { email, role }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.Created, invite.StatusCode);
        return fixture.Emails.TokenFor(email, "invitation");
    }

    public static async Task<HttpStatusCode> StatusAsync(this Task<HttpResponseMessage> request)
    {
        using var response = await request;
        if ((int)response.StatusCode >= 400)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        return response.StatusCode;
    }
}
