namespace ChatSphere.GrainInterfaces.Conversations;

/// <summary>
/// A workspace's prepared answer for agents. <see cref="Text"/> may hold variables, filled in for one conversation when
/// rendered: <c>{{visitor.name}}</c>, <c>{{visitor.email}}</c>, <c>{{agent.name}}</c>, <c>{{bot.name}}</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.CannedResponse")]
public sealed record CannedResponse
{
    [Id(0)] public required string Id { get; init; }
    /// <summary>What an agent types after "/" to find it, for example <c>refund</c>.</summary>
    [Id(1)] public required string Shortcut { get; init; }
    [Id(2)] public required string Title { get; init; }
    [Id(3)] public required string Text { get; init; }
    [Id(4)] public DateTimeOffset CreatedAt { get; init; }
    [Id(5)] public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>The body of creating (all members) or changing (those present) a canned response.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.CannedResponseInput")]
public sealed record CannedResponseInput
{
    [Id(0)] public string? Shortcut { get; init; }
    [Id(1)] public string? Title { get; init; }
    [Id(2)] public string? Text { get; init; }
}

/// <summary>A workspace's canned responses (key: workspace id).</summary>
[Alias("ChatSphere.ICannedResponsesGrain")]
public interface ICannedResponsesGrain : IGrainWithStringKey
{
    /// <summary>Every canned response of the workspace, by shortcut (at most <c>MaxPerWorkspace</c>).</summary>
    [Alias("List"), AlwaysInterleave]
    Task<IReadOnlyList<CannedResponse>> ListAsync();

    [Alias("Get"), AlwaysInterleave]
    Task<CannedResponse?> GetAsync(string responseId);

    /// <summary>Throws <see cref="Errors.ValidationFailedException"/> naming each bad field, <see cref="Errors.ConflictException"/>
    /// when the shortcut is taken.</summary>
    [Alias("Create")]
    Task<CannedResponse> CreateAsync(CannedResponseInput input);

    [Alias("Update")]
    Task<CannedResponse> UpdateAsync(string responseId, CannedResponseInput input);

    [Alias("Delete")]
    Task<bool> DeleteAsync(string responseId);

    /// <summary>The response's text with its variables filled in for a conversation of this workspace, written by <paramref name="agent"/>.</summary>
    [Alias("Render")]
    Task<string> RenderAsync(string responseId, string conversationId, AgentRef agent);
}
