using ChatSphere.GrainInterfaces.Chatbots;

namespace ChatSphere.Grains.Chatbots;

/// <summary>What the chatbot grain persists: the bot, or null when it does not exist.</summary>
[GenerateSerializer, Alias("ChatSphere.ChatbotState")]
public sealed class ChatbotState
{
    [Id(0)] public ChatbotInfo? Bot { get; set; }
}
