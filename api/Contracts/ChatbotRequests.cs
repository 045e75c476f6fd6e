using ChatSphere.GrainInterfaces.Chatbots;

namespace ChatSphere.Api.Contracts;

/// <summary>Body of POST /api/v1/chatbots. Omitted settings take their defaults.</summary>
public sealed record CreateChatbotRequest
{
    /// <summary>The owning workspace; defaults to the caller's only workspace.</summary>
    public string? WorkspaceId { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? SystemPrompt { get; init; }
    public string? WelcomeMessage { get; init; }
    public IReadOnlyList<string>? SuggestedQuestions { get; init; }
    public string? FallbackMessage { get; init; }
    public string? Language { get; init; }
    public AnswerSettingsRequest? Answer { get; init; }
    /// <summary>How sources are cut into chunks (applies to sources ingested or re-synced from then on).</summary>
    public KnowledgeSettingsRequest? Knowledge { get; init; }

    public ChatbotSettings ToSettings()
    {
        var defaults = new ChatbotSettings { Name = "" };
        var answer = new AnswerSettings();
        return defaults with
        {
            Name = Name ?? "",
            Description = Description,
            SystemPrompt = SystemPrompt ?? defaults.SystemPrompt,
            WelcomeMessage = WelcomeMessage ?? defaults.WelcomeMessage,
            SuggestedQuestions = SuggestedQuestions ?? defaults.SuggestedQuestions,
            FallbackMessage = FallbackMessage ?? defaults.FallbackMessage,
            Language = Language ?? defaults.Language,
            Answer = answer with
            {
                Model = Answer?.Model ?? answer.Model,
                MinScore = Answer?.MinScore ?? answer.MinScore,
                MaxAnswerWords = Answer?.MaxAnswerWords ?? answer.MaxAnswerWords,
                Temperature = Answer?.Temperature ?? answer.Temperature,
                MaxOutputTokens = Answer?.MaxOutputTokens ?? answer.MaxOutputTokens,
                ContextTokens = Answer?.ContextTokens ?? answer.ContextTokens,
                FallbackModels = Answer?.FallbackModels ?? answer.FallbackModels,
                StrictMode = Answer?.StrictMode ?? answer.StrictMode,
                RefuseOffTopic = Answer?.RefuseOffTopic ?? answer.RefuseOffTopic,
            },
            Knowledge = new KnowledgeSettings
            {
                ChunkTokens = Knowledge?.ChunkTokens ?? defaults.Knowledge.ChunkTokens,
                OverlapTokens = Knowledge?.OverlapTokens ?? defaults.Knowledge.OverlapTokens,
                MinScore = Knowledge?.MinScore ?? defaults.Knowledge.MinScore,
                MmrLambda = Knowledge?.MmrLambda ?? defaults.Knowledge.MmrLambda,
                CuratedMinSimilarity = Knowledge?.CuratedMinSimilarity ?? defaults.Knowledge.CuratedMinSimilarity,
            },
        };
    }
}

/// <summary>Body of PATCH /api/v1/chatbots/{botId}: only the members present change.</summary>
public sealed record UpdateChatbotRequest
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? SystemPrompt { get; init; }
    public string? WelcomeMessage { get; init; }
    public IReadOnlyList<string>? SuggestedQuestions { get; init; }
    public string? FallbackMessage { get; init; }
    public string? Language { get; init; }
    public AnswerSettingsRequest? Answer { get; init; }
    /// <summary>The widget's look: only the members present change.</summary>
    public WidgetAppearancePatch? Widget { get; init; }
    /// <summary>Sites that may embed the widget (replaces the list; empty allows any site).</summary>
    public IReadOnlyList<string>? AllowedDomains { get; init; }
    /// <summary>The lead form (replaces it).</summary>
    public LeadCaptureSettings? LeadCapture { get; init; }
    /// <summary>How sources are cut into chunks: only the members present change.</summary>
    public KnowledgeSettingsRequest? Knowledge { get; init; }
    /// <summary>Live chat (talk to a person, handoff rules, business hours, idle close): only the members present change.</summary>
    public LiveChatPatch? LiveChat { get; init; }

    public ChatbotPatch ToPatch() => new()
    {
        Name = Name,
        Description = Description,
        SystemPrompt = SystemPrompt,
        WelcomeMessage = WelcomeMessage,
        SuggestedQuestions = SuggestedQuestions,
        FallbackMessage = FallbackMessage,
        Language = Language,
        Model = Answer?.Model,
        MinScore = Answer?.MinScore,
        MaxAnswerWords = Answer?.MaxAnswerWords,
        Temperature = Answer?.Temperature,
        MaxOutputTokens = Answer?.MaxOutputTokens,
        ContextTokens = Answer?.ContextTokens,
        FallbackModels = Answer?.FallbackModels,
        StrictMode = Answer?.StrictMode,
        RefuseOffTopic = Answer?.RefuseOffTopic,
        Widget = Widget,
        AllowedDomains = AllowedDomains,
        LeadCapture = LeadCapture,
        ChunkTokens = Knowledge?.ChunkTokens,
        OverlapTokens = Knowledge?.OverlapTokens,
        RetrievalMinScore = Knowledge?.MinScore,
        MmrLambda = Knowledge?.MmrLambda,
        CuratedMinSimilarity = Knowledge?.CuratedMinSimilarity,
        LiveChat = LiveChat,
    };
}

/// <summary>Chunking of a bot's sources (in tokens of the embedding model) and retrieval; see <see cref="KnowledgeSettings"/>.</summary>
public sealed record KnowledgeSettingsRequest
{
    public int? ChunkTokens { get; init; }
    public int? OverlapTokens { get; init; }
    public double? MinScore { get; init; }
    public double? MmrLambda { get; init; }
    public double? CuratedMinSimilarity { get; init; }
}

/// <summary>How replies are produced; see <see cref="AnswerSettings"/>.</summary>
public sealed record AnswerSettingsRequest
{
    public string? Model { get; init; }
    public double? MinScore { get; init; }
    public int? MaxAnswerWords { get; init; }
    public double? Temperature { get; init; }
    public int? MaxOutputTokens { get; init; }
    public int? ContextTokens { get; init; }
    public IReadOnlyList<string>? FallbackModels { get; init; }
    public bool? StrictMode { get; init; }
    public bool? RefuseOffTopic { get; init; }
}

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
