using ChatSphere.GrainInterfaces.Accounts;
using ChatSphere.GrainInterfaces.Ai;
using ChatSphere.GrainInterfaces.Billing;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Privacy;
using ChatSphere.Grains.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatSphere.Grains.Workspaces;

/// <summary>Deleting the workspace and everything in it.</summary>
public sealed partial class WorkspaceGrain
{
    public async Task DeleteAsync(string actorUserId, string confirmName)
    {
        EnsureExists();
        if (state.State.OwnerId != actorUserId)
        {
            throw new ForbiddenException("Only the owner deletes the workspace.");
        }

        if (!string.Equals(confirmName?.Trim(), state.State.Name, StringComparison.Ordinal))
        {
            throw new ValidationFailedException("confirm", "Must be the workspace's name, exactly as it is shown.");
        }

        // Chatbot deletion reports back to this grain (RemoveChatbot) while this call is under way.
        using var reentrancy = RequestContext.AllowCallChainReentrancy();
        var privacy = GrainFactory.GetGrain<IWorkspacePrivacyGrain>(WorkspaceId);
        await privacy.ScheduleRetentionAsync(null);
        var conversations = await privacy.DeleteAllConversationsAsync();

        foreach (var botId in state.State.ChatbotIds.ToArray())
        {
            // Its knowledge goes with it: sources, chunks, files and the vector namespace (embedded index or Pinecone).
            await GrainFactory.GetGrain<IChatbotGrain>(botId).DeleteAsync();
        }

        foreach (var keyId in state.State.ApiKeyIds.ToArray())
        {
            // Revocation drops the key's secret hashes and closes its live connections on every node.
            await GrainFactory.GetGrain<IApiKeyGrain>(keyId).RevokeAsync();
        }

        foreach (var member in state.State.Members.ToArray())
        {
            await GrainFactory.GetGrain<IUserGrain>(member.UserId).RemoveWorkspaceAsync(WorkspaceId);
        }

        await GrainFactory.GetGrain<IWorkspaceAiGrain>(WorkspaceId).RemoveAllAsync();
        await ServiceProvider.GetRequiredService<ConversationPurge>().DeleteWorkspaceUsageAsync(WorkspaceId);
        await GrainFactory.GetGrain<IWorkspaceBillingGrain>(WorkspaceId).DeleteAllAsync();

        await state.ClearStateAsync();
        state.State = new WorkspaceState();
        LogDeleted(WorkspaceId, actorUserId, conversations);
        DeactivateOnIdle();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Workspace {WorkspaceId} deleted by {UserId} with {Conversations} conversations")]
    private partial void LogDeleted(string workspaceId, string userId, int conversations);
}
