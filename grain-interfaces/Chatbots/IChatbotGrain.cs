namespace ChatSphere.GrainInterfaces.Chatbots;

/// <summary>One chatbot, keyed by its id: the single owner of its configuration.</summary>
[Alias("ChatSphere.IChatbotGrain")]
public interface IChatbotGrain : IGrainWithStringKey
{
    /// <summary>Creates the bot. Throws <see cref="Errors.ValidationFailedException"/> on bad settings
    /// and <see cref="Errors.ConflictException"/> if it exists.</summary>
    [Alias("Create")]
    Task<ChatbotInfo> CreateAsync(string workspaceId, ChatbotSettings settings);

    /// <summary>The bot, or null if it does not exist (or was deleted).</summary>
    [Alias("Get"), AlwaysInterleave]
    Task<ChatbotInfo?> GetAsync();

    /// <summary>Applies a partial update. Throws <see cref="Errors.NotFoundException"/> or
    /// <see cref="Errors.ValidationFailedException"/>.</summary>
    [Alias("Update")]
    Task<ChatbotInfo> UpdateAsync(ChatbotPatch patch);

    /// <summary>Deletes the bot and its knowledge. Returns false if it did not exist.</summary>
    [Alias("Delete")]
    Task<bool> DeleteAsync();
}
