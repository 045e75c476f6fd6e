using ChatSphere.Api.Auth;
using ChatSphere.GrainInterfaces.Accounts;
using ChatSphere.GrainInterfaces.Workspaces;

namespace ChatSphere.Api.Apis;

/// <summary>Builds the answers that describe a user and their workspaces.</summary>
public static class AuthResponses
{
    public static async Task<AuthResponse> SessionAsync(IGrainFactory grains, AccessTokens tokens, UserSession session)
    {
        var home = session.User.WorkspaceIds.Count > 0 ? await WorkspaceAsync(grains, session.User.WorkspaceIds[0], session.User.Id) : null;
        return new AuthResponse(
            tokens.Issue(session.User), "Bearer", (int)tokens.Lifetime.TotalSeconds, session.RefreshToken, session.RefreshExpiresAt,
            UserResponse.From(session.User), home);
    }

    /// <summary>The user's workspaces they are still a member of, in the user's order.</summary>
    public static async Task<IReadOnlyList<WorkspaceResponse>> WorkspacesAsync(IGrainFactory grains, UserProfile user)
    {
        var all = await Task.WhenAll(user.WorkspaceIds.Select(id => WorkspaceAsync(grains, id, user.Id)));
        return all.OfType<WorkspaceResponse>().ToArray();
    }

    public static async Task<WorkspaceResponse?> WorkspaceAsync(IGrainFactory grains, string workspaceId, string userId)
    {
        var grain = grains.GetGrain<IWorkspaceGrain>(workspaceId);
        var role = await grain.GetRoleAsync(userId);
        return role is not null && await grain.GetAsync() is { } info ? WorkspaceResponse.From(info, role) : null;
    }
}
