using System.Globalization;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Workspaces;

namespace ChatSphere.Grains.Workspaces;

/// <summary>The workspace's list of chatbots (the chatbot grain adds and removes itself), paged in creation order.</summary>
public sealed partial class WorkspaceGrain
{
    public async Task AddChatbotAsync(string botId)
    {
        if (state.State.ChatbotIds.Contains(botId))
        {
            return;
        }

        if (state.State.ChatbotIds.Count >= MaxChatbots)
        {
            throw new ConflictException($"A workspace holds at most {MaxChatbots} chatbots.");
        }

        state.State.ChatbotIds.Insert(0, botId);
        await state.WriteStateAsync();
    }

    public async Task RemoveChatbotAsync(string botId)
    {
        if (state.State.ChatbotIds.Remove(botId))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IdPage> ListChatbotsAsync(string? cursor, int limit)
    {
        var start = ParseCursor(cursor);
        // A page holds at least one id, so following the cursor always ends.
        var ids = state.State.ChatbotIds.Skip(start).Take(Math.Clamp(limit, 1, MaxChatbots)).ToArray();
        var next = start + ids.Length < state.State.ChatbotIds.Count ? (start + ids.Length).ToString(CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new IdPage(ids, next));
    }
}
