using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Conversations;

namespace ChatSphere.Api.Widget;

/// <summary>What the widget needs to draw itself (GET /api/v1/widget/{botId}/config). Public: no secrets, no allow-list.</summary>
public sealed record WidgetConfigResponse(
    string BotId,
    string Name,
    string Welcome,
    IReadOnlyList<string> SuggestedQuestions,
    WidgetAppearance Appearance,
    LeadCaptureSettings LeadCapture,
    bool IdentityVerification,
    long Version,
    WidgetLiveChat LiveChat)
{
    public static WidgetConfigResponse From(ChatbotInfo bot) => new(
        bot.Id, bot.Settings.Name, bot.Settings.WelcomeMessage, bot.Settings.SuggestedQuestions,
        bot.Settings.Widget ?? new WidgetAppearance(), bot.Settings.LeadCapture ?? new LeadCaptureSettings(),
        bot.Settings.IdentitySecret is not null, bot.Version, WidgetLiveChat.From(bot.Settings.LiveChat ?? new LiveChatSettings()));
}

/// <summary>The public part of a bot's live chat: whether the widget offers "talk to a person" (the setting and the
/// visitor-asks handoff rule both on) and the message shown when nobody can answer.</summary>
public sealed record WidgetLiveChat(bool TalkToHumanEnabled, string OfflineMessage)
{
    public static WidgetLiveChat From(LiveChatSettings settings) =>
        new(settings.TalkToHumanEnabled && (settings.Handoff?.VisitorAsks ?? true), settings.OfflineMessage ?? "");
}

/// <summary>Body of POST .../messages/{messageId}/feedback: <c>up</c>, <c>down</c>, or null to clear.</summary>
public sealed record FeedbackRequest(MessageRating? Rating);

/// <summary>A bot's new identity secret, shown once.</summary>
public sealed record IdentitySecretResponse(string Secret);
