using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Conversations;

namespace ChatSphere.Grains.Tests.LiveOperations;

/// <summary>Agents and bots with live-chat settings for the live-operations tests.</summary>
public static class Agents
{
    public static AgentRef New(string name = "Alice") => new() { Id = Ids.New("usr"), Name = name };

    /// <summary>A bot on <paramref name="model"/> with its live-chat settings changed by <paramref name="live"/>.</summary>
    public static async Task<ChatbotInfo> BotAsync(IGrainFactory grains, LiveChatPatch? live = null, string model = "instant")
    {
        var bot = await grains.GetGrain<IChatbotGrain>(Ids.New("bot")).CreateAsync(Ids.New("ws"), new ChatbotSettings
        {
            Name = "Support",
            Answer = new AnswerSettings { Model = model },
        });
        return live is null ? bot : await grains.GetGrain<IChatbotGrain>(bot.Id).UpdateAsync(new ChatbotPatch { LiveChat = live });
    }

    /// <summary>The text a reader rebuilds from the token events of one reply (offsets say where each piece goes).</summary>
    public static string Rebuilt(IEnumerable<ChatEvent> events, long seq)
    {
        var text = "";
        foreach (var token in events.Where(e => e.Seq == seq && e.Type == ChatEventType.Token).OrderBy(e => e.Offset))
        {
            if (token.Offset + token.Text.Length > text.Length && token.Offset <= text.Length)
            {
                text = text[..token.Offset] + token.Text;
            }
        }

        return text;
    }
}
