using System.Diagnostics;
using System.Runtime.CompilerServices;
using ChatSphere.GrainInterfaces.Ai;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Ai.Credentials;
using ChatSphere.Grains.Ai.Generation;
using ChatSphere.Grains.Ai.Prompting;
using ChatSphere.Grains.Ai.Providers;
using ChatSphere.Grains.Ai.Usage;
using Microsoft.Extensions.AI;

namespace ChatSphere.Grains.Ai;

/// <summary>
/// The AI services behind the API's OpenAI-compatible routes, as a stateless worker so every silo serves its own
/// callers without a hot spot. Completions are stateless: the caller's messages are the history, nothing is stored
/// as a conversation; the caller's system messages are ignored, since the bot's persona and guardrails rule.
/// </summary>
[StatelessWorker]
// Stateless, so interleaving is safe: a long streamed completion must not hold back other callers on this silo.
[Reentrant]
public sealed class AiGatewayGrain(
    IChatModelCatalog catalog,
    ReplyGenerator generator,
    CredentialResolver credentials,
    TokenCounter tokens,
    UsageStore usage,
    Billing.MessageUsageMeter messages,
    EmbeddingUsageStore embeddingUsage,
    TimeProvider clock) : Grain, IAiGatewayGrain
{
    public const int MaxMessages = 200;
    public const int MaxEmbeddingInputs = 256;

    /// <summary>How long one embeddings request may take (inside the 30 s grain call timeout).</summary>
    public static readonly TimeSpan EmbeddingDeadline = TimeSpan.FromSeconds(25);

    public Task<IReadOnlyList<ModelDescriptor>> ListModelsAsync() =>
        Task.FromResult<IReadOnlyList<ModelDescriptor>>(catalog.Models.Select(Describe).ToArray());

    public async Task<EmbeddingBatch> EmbedAsync(string model, IReadOnlyList<string> inputs, string? workspaceId)
    {
        if (catalog.Find(model) is not { Kind: ModelKind.Embeddings } info)
        {
            throw new ValidationFailedException("model", $"Unknown embeddings model '{model}'. GET /api/v1/models lists them.");
        }

        if (inputs.Count is 0 or > MaxEmbeddingInputs || inputs.Any(string.IsNullOrEmpty))
        {
            throw new ValidationFailedException("input", $"Give 1 to {MaxEmbeddingInputs} non-empty texts.");
        }

        var credential = workspaceId is null ? null
            : (await credentials.ResolveAsync(workspaceId, [])).GetValueOrDefault(info.Provider);
        // Bulk: the offline model encodes visitors' questions first, so this batch cannot hold up a chat.
        // A deadline inside the caller's timeout: texts still waiting then are dropped from the model's queue, not left to
        // delay the next request, and the caller gets a 503 to retry rather than a timeout.
        using var deadline = new CancellationTokenSource(EmbeddingDeadline);
        GeneratedEmbeddings<Embedding<float>> generated;
        try
        {
            generated = await catalog.GetEmbeddings(info.Id, credential).GenerateAsync(inputs, EmbeddingPriority.Bulk(), deadline.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new ServiceUnavailableException("The embedding model is busy. Please retry in a few seconds.");
        }

        var batch = new EmbeddingBatch
        {
            Model = info.Id,
            Vectors = generated.Select(e => e.Vector.ToArray()).ToArray(),
            PromptTokens = (int?)generated.Usage?.InputTokenCount ?? inputs.Sum(tokens.Count),
        };
        if (workspaceId is not null)
        {
            await embeddingUsage.RecordAsync(workspaceId, clock.GetUtcNow(), inputs.Count, batch.PromptTokens);
        }

        return batch;
    }

    public async Task<IReadOnlyList<BotDailyUsage>> GetBotUsageAsync(string botId, DateOnly from, DateOnly to)
    {
        if (to < from || to.DayNumber - from.DayNumber > 366)
        {
            throw new ValidationFailedException("to", "Must be on or after 'from', at most 366 days later.");
        }

        var days = await usage.GetBotDailyAsync(botId, from, to);
        return days.Select(d => new BotDailyUsage
        {
            Day = d.Day, Model = d.Model, Replies = d.Replies, PromptTokens = d.PromptTokens, CompletionTokens = d.CompletionTokens,
            AverageLatencyMs = d.Replies == 0 ? 0 : (double)d.LatencyMsTotal / d.Replies,
        }).ToArray();
    }

    public async Task<ReplyDetails?> GetReplyDetailsAsync(string conversationId, long seq)
    {
        if (await usage.GetAsync(conversationId, seq) is not { } record)
        {
            return null;
        }

        return new ReplyDetails
        {
            ConversationId = record.ConversationId, Seq = record.Seq, Model = record.Model, PromptTokens = record.PromptTokens,
            CompletionTokens = record.CompletionTokens, LatencyMs = record.LatencyMs, FirstTokenMs = record.FirstTokenMs, Outcome = record.Outcome,
            CreatedAt = record.CreatedAt, Hits = await usage.GetHitsAsync(conversationId, seq),
        };
    }

    public async Task<WorkspaceMonthlyUsage> GetWorkspaceUsageAsync(string workspaceId, int year, int month)
    {
        if (year is < 2000 or > 9999 || month is < 1 or > 12)
        {
            throw new ValidationFailedException("month", "Must be a month such as 2026-11.");
        }

        var m = await usage.GetWorkspaceMonthAsync(workspaceId, year, month);
        return new WorkspaceMonthlyUsage
        {
            WorkspaceId = workspaceId, Year = year, Month = month, Replies = m.Replies, PromptTokens = m.PromptTokens, CompletionTokens = m.CompletionTokens,
        };
    }

    public async IAsyncEnumerable<CompletionChunk> CompleteAsync(CompletionRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var bot = await GrainFactory.GetGrain<IChatbotGrain>(request.BotId).GetAsync() ?? throw new NotFoundException("Chatbot", request.BotId);
        var (question, history) = Split(request.Messages);
        // A completion is a message to the bot like a widget's: it counts against the workspace's month.
        await messages.ConsumeAsync(bot.WorkspaceId);
        var hits = await GrainFactory.GetGrain<IKnowledgeGrain>(bot.Id).RetrieveAsync(question, KnowledgeSettings.ReplyTopK, bot.Settings.Knowledge ?? new());
        var chainRequest = new GenerationRequest
        {
            Bot = bot,
            Question = question,
            Hits = hits,
            History = history,
            Temperature = request.Temperature is { } t ? (float)t : null,
            MaxOutputTokens = request.MaxTokens,
        };
        chainRequest = chainRequest with { Credentials = await credentials.ResolveAsync(bot.WorkspaceId, generator.Chain(chainRequest)) };

        TimeSpan? firstToken = null;
        var text = new System.Text.StringBuilder();
        await foreach (var e in generator.GenerateAsync(chainRequest, cancellationToken))
        {
            switch (e)
            {
                case GenerationToken token:
                    firstToken ??= Stopwatch.GetElapsedTime(started);
                    text.Append(token.Text);
                    yield return new CompletionChunk { Text = token.Text };
                    break;
                case GenerationFinished { Outcome: var outcome }:
                    var model = outcome.Model ?? "none";
                    _ = usage.RecordAsync(new UsageRecord(request.CompletionId, 0, bot.Id, bot.WorkspaceId, model, outcome.PromptTokens, outcome.CompletionTokens,
                        (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds, (int?)firstToken?.TotalMilliseconds, outcome.End.ToString().ToLowerInvariant(), clock.GetUtcNow()));
                    yield return new CompletionChunk
                    {
                        FinishReason = outcome.End == GenerationEnd.Length ? "length" : "stop",
                        PromptTokens = outcome.PromptTokens,
                        CompletionTokens = outcome.CompletionTokens,
                        Model = model,
                        Interrupted = outcome.Interrupted,
                        Citations = Citations(text.ToString(), hits, outcome.NamedCitations),
                    };
                    break;
            }
        }
    }

    private static (string Question, IReadOnlyList<HistoryMessage> History) Split(IReadOnlyList<CompletionMessage> messages)
    {
        var errors = new Dictionary<string, string[]>();
        if (messages.Count is 0 or > MaxMessages)
        {
            errors["messages"] = [$"Give 1 to {MaxMessages} messages."];
        }
        else if (messages[^1] is not { Role: "user" } last || string.IsNullOrWhiteSpace(last.Content))
        {
            errors["messages"] = ["The last message must be a non-empty user message."];
        }
        else if (messages[^1].Content.Length > Conversations.ConversationGrain.MaxTextLength)
        {
            errors[$"messages[{messages.Count - 1}].content"] = [$"Must be at most {Conversations.ConversationGrain.MaxTextLength} characters."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var history = messages.Take(messages.Count - 1)
            .Where(m => m.Role is "user" or "assistant" && !string.IsNullOrWhiteSpace(m.Content))
            .Select((m, i) => new HistoryMessage(i + 1, m.Role == "user", m.Content))
            .ToArray();
        return (messages[^1].Content.Trim(), history);
    }

    private static IReadOnlyList<CompletionCitation> Citations(string text, IReadOnlyList<KnowledgeHit> hits, IReadOnlyList<int> named) =>
        Conversations.CitationBuilder.Build(text, hits, named)
            .Select(c => new CompletionCitation { Index = c.Index, SourceId = c.SourceId, Title = c.Title, Url = c.Url, Heading = c.Heading })
            .ToArray();

    private ModelDescriptor Describe(ChatModelInfo model)
    {
        var health = catalog.Health(model.Id);
        return new ModelDescriptor
        {
            Id = model.Id,
            Provider = model.Provider,
            ProviderType = catalog.ProviderNames.Contains(model.Provider, StringComparer.OrdinalIgnoreCase) ? model.ProviderType.Name() : model.Id == InstantChatClient.ModelId ? "instant" : "embedded",
            Kind = model.Kind == ModelKind.Chat ? "chat" : "embeddings",
            Description = model.Description,
            ContextTokens = model.ContextTokens,
            MaxOutputTokens = model.MaxOutputTokens,
            Capabilities = model.Capabilities,
            Health = health.Status.ToString().ToLowerInvariant(),
            Circuit = health.Circuit,
            LastError = health.LastError,
            LastErrorAt = health.LastErrorAt,
        };
    }
}
