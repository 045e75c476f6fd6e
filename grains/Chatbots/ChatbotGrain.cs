using ChatSphere.Grains.Ai;
using ChatSphere.GrainInterfaces.Billing;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.GrainInterfaces.Workspaces;

namespace ChatSphere.Grains.Chatbots;

/// <summary>The single owner of one chatbot's configuration.</summary>
public sealed class ChatbotGrain(
    [PersistentState("chatbot", "chat")] IPersistentState<ChatbotState> state,
    IChatModelCatalog models) : Grain, IChatbotGrain
{
    private string BotId => this.GetPrimaryKeyString();

    public async Task<ChatbotInfo> CreateAsync(string workspaceId, ChatbotSettings settings)
    {
        if (state.State.Bot is not null)
        {
            throw new ConflictException($"Chatbot '{BotId}' already exists.");
        }

        settings = Normalize(settings);
        ChatbotValidator.Validate(workspaceId, settings, models.Find);

        // The plan counts the bot first (refusing it over quota), then the workspace lists it, so a bot never exists
        // without its owner knowing it.
        var billing = GrainFactory.GetGrain<IWorkspaceBillingGrain>(workspaceId);
        await billing.AcquireChatbotAsync(BotId);
        await ReleaseOnFailureAsync(billing, GrainFactory.GetGrain<IWorkspaceGrain>(workspaceId).AddChatbotAsync(BotId));
        var now = DateTimeOffset.UtcNow;
        state.State.Bot = new ChatbotInfo
        {
            Id = BotId,
            WorkspaceId = workspaceId,
            Settings = settings,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        await state.WriteStateAsync();
        return state.State.Bot;
    }

    public Task<ChatbotInfo?> GetAsync() => Task.FromResult(state.State.Bot);

    public async Task<ChatbotInfo> UpdateAsync(ChatbotPatch patch)
    {
        var bot = state.State.Bot ?? throw new NotFoundException("Chatbot", BotId);
        var s = bot.Settings;
        var updated = Normalize(s with
        {
            Name = patch.Name ?? s.Name,
            Description = patch.Description ?? s.Description,
            SystemPrompt = patch.SystemPrompt ?? s.SystemPrompt,
            WelcomeMessage = patch.WelcomeMessage ?? s.WelcomeMessage,
            SuggestedQuestions = patch.SuggestedQuestions ?? s.SuggestedQuestions,
            FallbackMessage = patch.FallbackMessage ?? s.FallbackMessage,
            Language = patch.Language ?? s.Language,
            Answer = s.Answer with
            {
                Model = patch.Model ?? s.Answer.Model,
                MinScore = patch.MinScore ?? s.Answer.MinScore,
                MaxAnswerWords = patch.MaxAnswerWords ?? s.Answer.MaxAnswerWords,
                Temperature = patch.Temperature ?? s.Answer.Temperature,
                MaxOutputTokens = patch.MaxOutputTokens ?? s.Answer.MaxOutputTokens,
                ContextTokens = patch.ContextTokens ?? s.Answer.ContextTokens,
                FallbackModels = patch.FallbackModels ?? s.Answer.FallbackModels,
                StrictMode = patch.StrictMode ?? s.Answer.StrictMode,
                RefuseOffTopic = patch.RefuseOffTopic ?? s.Answer.RefuseOffTopic,
            },
            Widget = WidgetPatching.Apply(s.Widget, patch.Widget),
            AllowedDomains = patch.AllowedDomains ?? s.AllowedDomains,
            IdentitySecret = patch.IdentitySecret is null ? s.IdentitySecret : patch.IdentitySecret.Length == 0 ? null : patch.IdentitySecret,
            LeadCapture = patch.LeadCapture ?? s.LeadCapture,
            LiveChat = patch.LiveChat?.ApplyTo(s.LiveChat ?? new()) ?? s.LiveChat ?? new(),
            Knowledge = (s.Knowledge ?? new KnowledgeSettings()) with
            {
                ChunkTokens = patch.ChunkTokens ?? s.Knowledge?.ChunkTokens ?? KnowledgeSettings.DefaultChunkTokens,
                OverlapTokens = patch.OverlapTokens ?? s.Knowledge?.OverlapTokens ?? KnowledgeSettings.DefaultOverlapTokens,
                MinScore = patch.RetrievalMinScore ?? s.Knowledge?.MinScore ?? 0,
                MmrLambda = patch.MmrLambda ?? s.Knowledge?.MmrLambda ?? 1,
                CuratedMinSimilarity = patch.CuratedMinSimilarity ?? s.Knowledge?.CuratedMinSimilarity ?? KnowledgeSettings.DefaultCuratedMinSimilarity,
            },
        });
        ChatbotValidator.Validate(bot.WorkspaceId, updated, models.Find);

        state.State.Bot = bot with { Settings = updated, UpdatedAt = DateTimeOffset.UtcNow, Version = bot.Version + 1 };
        await state.WriteStateAsync();
        return state.State.Bot;
    }

    public async Task<bool> DeleteAsync()
    {
        if (state.State.Bot is not { } bot)
        {
            return false;
        }

        await GrainFactory.GetGrain<IKnowledgeGrain>(BotId).ClearAsync();
        await state.ClearStateAsync();
        state.State = new ChatbotState();
        await GrainFactory.GetGrain<IWorkspaceGrain>(bot.WorkspaceId).RemoveChatbotAsync(BotId);
        await GrainFactory.GetGrain<IWorkspaceBillingGrain>(bot.WorkspaceId).ReleaseChatbotAsync(BotId);
        return true;
    }

    private async Task ReleaseOnFailureAsync(IWorkspaceBillingGrain billing, Task step)
    {
        try
        {
            await step;
        }
        catch
        {
            await billing.ReleaseChatbotAsync(BotId);
            throw;
        }
    }

    private static ChatbotSettings Normalize(ChatbotSettings settings) => settings with
    {
        Name = settings.Name?.Trim() ?? "",
        Description = string.IsNullOrWhiteSpace(settings.Description) ? null : settings.Description.Trim(),
        WelcomeMessage = settings.WelcomeMessage?.Trim() ?? "",
        FallbackMessage = settings.FallbackMessage?.Trim() ?? "",
        SystemPrompt = settings.SystemPrompt ?? "",
        SuggestedQuestions = (settings.SuggestedQuestions ?? []).Select(q => q?.Trim() ?? "").ToArray(),
        Language = settings.Language?.Trim() ?? "",
        Answer = settings.Answer ?? new AnswerSettings(),
        Widget = settings.Widget ?? new WidgetAppearance(),
        AllowedDomains = (settings.AllowedDomains ?? []).Select(d => d?.Trim().ToLowerInvariant() ?? "").ToArray(),
        LeadCapture = NormalizeLead(settings.LeadCapture ?? new LeadCaptureSettings()),
    };

    // Arrays, not the compiler's collection-expression types, which the JSON grain storage cannot read back.
    private static LeadCaptureSettings NormalizeLead(LeadCaptureSettings lead) => lead with
    {
        Fields = lead.Fields is { Count: > 0 } fields ? fields.Select(f => f?.Trim() ?? "").ToArray() : lead.Enabled ? ["name", "email"] : [],
        Title = Blank(lead.Title),
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
