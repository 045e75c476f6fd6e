using System.Text.Json.Serialization;

namespace ChatSphere.GrainInterfaces.Chatbots;

/// <summary>
/// A partial update of <see cref="ChatbotSettings"/>: null members are left as they are, nested patches change only
/// the members they carry. The API's create and update bodies derive from it, so the field list is written here once;
/// a grain is always given a plain <see cref="ChatbotPatch"/> (<see cref="ToPatch"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.ChatbotPatch")]
public record ChatbotPatch
{
    // Ids 7-11, 30-34 and 40-43 were the flat answer and knowledge members, now in Answer and Knowledge: never reuse them.
    [Id(0)] public string? Name { get; init; }
    [Id(1)] public string? Description { get; init; }
    [Id(2)] public string? SystemPrompt { get; init; }
    [Id(3)] public string? WelcomeMessage { get; init; }
    [Id(4)] public IReadOnlyList<string>? SuggestedQuestions { get; init; }
    [Id(5)] public string? FallbackMessage { get; init; }
    [Id(6)] public string? Language { get; init; }
    /// <summary>How replies are produced: only the members present change.</summary>
    [Id(50)] public AnswerPatch? Answer { get; init; }
    /// <summary>The widget's look: only the members present change.</summary>
    [Id(20)] public WidgetAppearancePatch? Widget { get; init; }
    /// <summary>Sites that may embed the widget (replaces the list; empty allows any site).</summary>
    [Id(21)] public IReadOnlyList<string>? AllowedDomains { get; init; }
    /// <summary>The protected identity secret; an empty string turns identity verification off. Never read from a
    /// request body: the widget identity routes set it.</summary>
    [Id(22), JsonIgnore] public string? IdentitySecret { get; init; }
    /// <summary>The lead form (replaces it).</summary>
    [Id(23)] public LeadCaptureSettings? LeadCapture { get; init; }
    /// <summary>How sources are cut into chunks and knowledge is searched: only the members present change.</summary>
    [Id(51)] public KnowledgePatch? Knowledge { get; init; }
    /// <summary>Live chat (talk to a person, handoff rules, business hours, idle close): only the members present change.</summary>
    [Id(52)] public LiveChatPatch? LiveChat { get; init; }

    /// <summary>The settings with this patch's members in place of theirs.</summary>
    public ChatbotSettings ApplyTo(ChatbotSettings current) => current with
    {
        Name = Name ?? current.Name,
        Description = Description ?? current.Description,
        SystemPrompt = SystemPrompt ?? current.SystemPrompt,
        WelcomeMessage = WelcomeMessage ?? current.WelcomeMessage,
        SuggestedQuestions = SuggestedQuestions ?? current.SuggestedQuestions,
        FallbackMessage = FallbackMessage ?? current.FallbackMessage,
        Language = Language ?? current.Language,
        Answer = Answer?.ApplyTo(current.Answer) ?? current.Answer,
        Widget = Widget?.ApplyTo(current.Widget) ?? current.Widget ?? new WidgetAppearance(),
        AllowedDomains = AllowedDomains ?? current.AllowedDomains,
        IdentitySecret = IdentitySecret is null ? current.IdentitySecret : IdentitySecret.Length == 0 ? null : IdentitySecret,
        LeadCapture = LeadCapture ?? current.LeadCapture,
        Knowledge = Knowledge?.ApplyTo(current.Knowledge) ?? current.Knowledge ?? new KnowledgeSettings(),
        LiveChat = LiveChat?.ApplyTo(current.LiveChat ?? new LiveChatSettings()) ?? current.LiveChat ?? new LiveChatSettings(),
    };

    /// <summary>This patch as a plain <see cref="ChatbotPatch"/>: what a grain call carries (the serializer knows
    /// no request type derived from it).</summary>
    public ChatbotPatch ToPatch() => GetType() == typeof(ChatbotPatch) ? this : new ChatbotPatch(this);
}
