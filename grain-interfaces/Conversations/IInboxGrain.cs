namespace ChatSphere.GrainInterfaces.Conversations;

/// <summary>
/// A workspace's inbox (key: workspace id): which API nodes have dashboard connections watching it, and how many agents
/// are online there. Conversation grains ask it who to tell (and cache the answer for a moment), then tell the nodes
/// directly, so no conversation event passes through this grain.
/// </summary>
[Alias("ChatSphere.IInboxGrain")]
public interface IInboxGrain : IGrainWithStringKey
{
    /// <summary>Subscribes (or renews) a node with the number of agents watching the inbox there; lapses unless renewed
    /// within a few minutes. A count of 0 keeps the node subscribed without counting anyone online.</summary>
    [Alias("Subscribe"), AlwaysInterleave]
    Task SubscribeAsync(IInboxObserver node, int agentsOnline);

    [Alias("Unsubscribe"), AlwaysInterleave]
    Task UnsubscribeAsync(IInboxObserver node);

    /// <summary>The nodes to tell and the agents online now.</summary>
    [Alias("GetWatchers"), AlwaysInterleave]
    Task<InboxWatchers> GetWatchersAsync();
}

/// <summary>Receives a workspace's inbox events; one per API node, which hands them to its dashboard connections.</summary>
[Alias("ChatSphere.IInboxObserver")]
public interface IInboxObserver : IGrainObserver
{
    [Alias("OnInboxEvent"), OneWay]
    Task OnInboxEventAsync(string workspaceId, [Immutable] InboxEvent inboxEvent);
}

/// <summary>Who watches a workspace's inbox.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.InboxWatchers")]
public sealed record InboxWatchers
{
    [Id(0)] public IReadOnlyList<IInboxObserver> Nodes { get; init; } = [];
    /// <summary>Agents with the inbox open on any node (0: nobody online).</summary>
    [Id(1)] public int AgentsOnline { get; init; }
}

/// <summary>What changed in the inbox (lower-case on the wire).</summary>
public enum InboxChange : byte
{
    /// <summary>A new conversation.</summary>
    Started = 1,
    /// <summary>A new message (the visitor's, the bot's reply, an agent's message or note).</summary>
    Message = 2,
    /// <summary>The mode changed (a person was asked for, taken over, handed back).</summary>
    Mode = 3,
    /// <summary>Closed or reopened.</summary>
    Status = 4,
    /// <summary>Assigned or unassigned.</summary>
    Assignee = 5,
}

/// <summary>One inbox event: what changed, the conversation as it is now, and the new message (for <see cref="InboxChange.Message"/>).</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.InboxEvent")]
public sealed record InboxEvent
{
    [Id(0)] public InboxChange Change { get; init; }
    [Id(1)] public required ConversationInfo Conversation { get; init; }
    [Id(2)] public ConversationMessage? Message { get; init; }
    /// <summary>Why a person was asked for (mode events that put the conversation in waiting): visitor, fallback, thumbsDown, keyword.</summary>
    [Id(3)] public HandoffReason? Reason { get; init; }
}

/// <summary>Why a conversation was handed to the agents (lower-case on the wire).</summary>
public enum HandoffReason : byte
{
    /// <summary>The visitor asked for a person.</summary>
    Visitor = 1,
    /// <summary>The bot gave its fallback reply N times in a row.</summary>
    Fallback = 2,
    /// <summary>The visitor rated a reply thumbs-down.</summary>
    ThumbsDown = 3,
    /// <summary>A visitor's message contained one of the bot's keywords.</summary>
    Keyword = 4,
}
