using ChatSphere.GrainInterfaces.Chatbots;

namespace ChatSphere.Api.Contracts;

/// <summary>
/// Body of POST /api/v1/chatbots: the settings of <see cref="ChatbotPatch"/> (omitted ones take their defaults) and
/// the owning workspace.
/// </summary>
public sealed record CreateChatbotRequest : ChatbotPatch
{
    /// <summary>The owning workspace; defaults to the caller's only workspace.</summary>
    public string? WorkspaceId { get; init; }

    /// <summary>The new bot's settings: the defaults with this request's members in their place.</summary>
    public ChatbotSettings ToSettings() => ApplyTo(new ChatbotSettings { Name = "" });
}

/// <summary>Body of PATCH /api/v1/chatbots/{botId}: only the members present change (<see cref="ChatbotPatch"/>).</summary>
public sealed record UpdateChatbotRequest : ChatbotPatch;

/// <summary>A chatbot as the API shows it.</summary>
public sealed record ChatbotResponse(
    string Id,
    string WorkspaceId,
    string Name,
    string? Description,
    string SystemPrompt,
    string WelcomeMessage,
    IReadOnlyList<string> SuggestedQuestions,
    string FallbackMessage,
    string Language,
    AnswerSettings Answer,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version)
{
    public WidgetAppearance Widget { get; init; } = new();
    public IReadOnlyList<string> AllowedDomains { get; init; } = [];
    /// <summary>Whether visitor identities must be signed; the secret itself is never shown here.</summary>
    public bool IdentityVerification { get; init; }
    public LeadCaptureSettings LeadCapture { get; init; } = new();
    public KnowledgeSettings Knowledge { get; init; } = new();
    public LiveChatSettings LiveChat { get; init; } = new();

    public static ChatbotResponse From(ChatbotInfo bot) => new(
        bot.Id, bot.WorkspaceId, bot.Settings.Name, bot.Settings.Description, bot.Settings.SystemPrompt, bot.Settings.WelcomeMessage,
        bot.Settings.SuggestedQuestions, bot.Settings.FallbackMessage, bot.Settings.Language, bot.Settings.Answer,
        bot.CreatedAt, bot.UpdatedAt, bot.Version)
    {
        Widget = bot.Settings.Widget ?? new WidgetAppearance(),
        AllowedDomains = bot.Settings.AllowedDomains ?? [],
        IdentityVerification = bot.Settings.IdentitySecret is not null,
        LeadCapture = bot.Settings.LeadCapture ?? new LeadCaptureSettings(),
        Knowledge = bot.Settings.Knowledge ?? new KnowledgeSettings(),
        LiveChat = bot.Settings.LiveChat ?? new LiveChatSettings(),
    };
}

/// <summary>The paged list shape of every list route.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
