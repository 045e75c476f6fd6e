using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Workspaces;

namespace ChatSphere.Grains.Accounts;

/// <summary>The workspaces the user belongs to, and the one made (or adopted) at registration.</summary>
public sealed partial class UserGrain
{
    public async Task AddWorkspaceAsync(string workspaceId)
    {
        EnsureExists();
        if (state.State.WorkspaceIds.Contains(workspaceId))
        {
            return;
        }

        if (state.State.WorkspaceIds.Count >= MaxWorkspaces)
        {
            throw new ConflictException($"A user belongs to at most {MaxWorkspaces} workspaces.");
        }

        state.State.WorkspaceIds.Add(workspaceId);
        await state.WriteStateAsync();
    }

    public async Task RemoveWorkspaceAsync(string workspaceId)
    {
        if (state.State.WorkspaceIds.Remove(workspaceId))
        {
            await state.WriteStateAsync();
        }
    }

    private async Task<string> CreateWorkspaceAsync(string userName, string? adoptWorkspaceId)
    {
        if (adoptWorkspaceId is not null && await GrainFactory.GetGrain<IWorkspaceGrain>(adoptWorkspaceId).AdoptAsync("ChatSphere demo", UserId) is { } adopted)
        {
            return adopted.Id;
        }

        var workspaceId = Ids.New("ws");
        var workspaceName = $"{userName}'s workspace";
        await GrainFactory.GetGrain<IWorkspaceGrain>(workspaceId).CreateAsync(
            workspaceName.Length > MaxNameLength ? workspaceName[..MaxNameLength] : workspaceName, UserId);
        return workspaceId;
    }
}
