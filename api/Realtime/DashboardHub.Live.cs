using System.Runtime.CompilerServices;
using ChatSphere.Api.Auth;
using ChatSphere.GrainInterfaces.Conversations;
using Microsoft.AspNetCore.SignalR;

namespace ChatSphere.Api.Realtime;

/// <summary>
/// Live operations on the dashboard hub (docs/live-operations.md). <c>WatchInbox(workspaceId)</c>: <c>inboxUpdated</c>
/// events (<see cref="InboxEvent"/>: new conversations, messages, mode, status and assignee changes) for the workspace.
/// <c>WatchConversation(conversationId, afterSeq)</c>: a stream of one conversation's events after <c>afterSeq</c>, then
/// live ones token by token (private notes, typing and presence included); an agent watching counts as viewing it.
/// <c>Typing(conversationId)</c>: the visitor sees the agent typing. Every call is authorised as the workspace is now, and
/// a conversation stream ends when the connection loses access (checked every minute).
/// </summary>
public sealed partial class DashboardHub
{
    public const string InboxUpdated = "inboxUpdated";

    /// <summary>How often a conversation stream re-checks access and renews the agent's presence.</summary>
    private static readonly TimeSpan WatchCheck = TimeSpan.FromSeconds(60);

    public async Task WatchInbox(string workspaceId)
    {
        var access = await AuthorizeAsync(() => authorizer.ForWorkspaceAsync(Context.User!, workspaceId, Permission.Read));
        await inbox.WatchAsync(access.WorkspaceId, Context, access.Caller.Actor, MayHandle(access));
    }

    public Task UnwatchInbox(string workspaceId) => inbox.UnwatchAsync(workspaceId ?? "", Context.ConnectionId);

    public async IAsyncEnumerable<ChatEvent> WatchConversation(
        string conversationId, long afterSeq, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var access = await AuthorizeAsync(() => authorizer.ForConversationAsync(Context.User!, conversationId, Permission.Read));
        if (afterSeq < 0)
        {
            throw new HubException("afterSeq: must be 0 or more.");
        }

        var viewer = MayHandle(access) ? await agents.OfAsync(Context.User!) : null;
        var conversation = grains.GetGrain<IConversationGrain>(conversationId);
        using var watch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (viewer is not null)
        {
            await conversation.ViewAsync(viewer, viewing: true);
        }

        var guard = GuardAsync(conversationId, conversation, viewer, watch);
        try
        {
            await foreach (var e in streams.ResumeAsync(conversationId, afterSeq, watch.Token))
            {
                yield return e;
            }
        }
        finally
        {
            await watch.CancelAsync();
            await guard;
            if (viewer is not null)
            {
                await conversation.ViewAsync(viewer, viewing: false).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    public async Task Typing(string conversationId)
    {
        await AuthorizeAsync(() => authorizer.ForConversationAsync(Context.User!, conversationId, Permission.LiveChat));
        await grains.GetGrain<IConversationGrain>(conversationId).TypingAsync(await agents.OfAsync(Context.User!));
    }

    /// <summary>Whether the caller may handle live conversations (an agent, editor, admin or owner; a key with the write scope).</summary>
    private static bool MayHandle(WorkspaceAccess access) =>
        access.Role is { } role ? RoleMatrix.Allows(role, Permission.LiveChat) : RoleMatrix.Allows(access.Caller.Scopes, Permission.LiveChat);

    /// <summary>While a conversation is watched: every minute, access is checked again (the stream ends when it is gone) and
    /// the agent's presence renewed.</summary>
    private async Task GuardAsync(string conversationId, IConversationGrain conversation, AgentRef? viewer, CancellationTokenSource watch)
    {
        try
        {
            while (!watch.IsCancellationRequested)
            {
                await Task.Delay(WatchCheck, watch.Token);
                await authorizer.ForConversationAsync(Context.User!, conversationId, Permission.Read);
                if (viewer is not null)
                {
                    await conversation.ViewAsync(viewer, viewing: true);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The stream ended.
        }
        catch (Exception)
        {
            // Access is gone (or the check failed): the stream ends; the client may watch again.
            await watch.CancelAsync();
        }
    }
}
