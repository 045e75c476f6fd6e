using System.Runtime.CompilerServices;
using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.Grains.Ai.Prompting;
using ChatSphere.Grains.Ai.Providers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace ChatSphere.Grains.Ai.Generation;

/// <summary>
/// Generates one reply: assembles the prompt, then walks the bot's fallback chain (its model, its fallback models,
/// the embedded answerer) until a model streams text. A model that fails before its first token (error, open
/// circuit, timeout, empty reply) hands over to the next; one that fails after it ends the reply as
/// <see cref="GenerationEnd.Broken"/>, since the visitor has seen its text. When every model fails the reply is a
/// short apology. In strict mode with no hit at the bot's minimum score only the embedded answerer is asked (it
/// answers with the fallback message), so no model can make an answer up. Replies stop at the output-token limit,
/// counted with real tokens, however long a model streams.
/// </summary>
public sealed partial class ReplyGenerator(IChatModelCatalog catalog, PromptAssembler assembler, TokenCounter tokens, ILogger<ReplyGenerator> logger)
{
    public const string ApologyText = "Sorry, I can't answer right now. Please try again in a moment.";

    /// <summary>What a reply that started to repeat the bot's instructions ends with instead.</summary>
    public const string WithheldText = " … I can't share that.";

    public async IAsyncEnumerable<GenerationEvent> GenerateAsync(GenerationRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var span = ChatTracing.Start("chat.model");
        var settings = request.Bot.Settings;
        var answer = settings.Answer;
        var plan = assembler.Assemble(PromptFor(request));
        var maxOutput = request.MaxOutputTokens is > 0 and var limit ? Math.Min(limit, answer.MaxOutputTokens) : answer.MaxOutputTokens;
        var options = new ChatOptions
        {
            Temperature = request.Temperature ?? (float)answer.Temperature,
            MaxOutputTokens = maxOutput,
        }.WithGrounding(new GroundingContext(request.Question, request.Hits, settings.FallbackMessage, answer.MinScore, answer.MaxAnswerWords));

        var failures = new List<FailedAttempt>();
        foreach (var model in Chain(request))
        {
            var client = catalog.Get(model, CredentialFor(model, request));
            // The embedded answerer never sees the prompt; every other model could be talked into repeating it.
            var guard = model == EmbeddedAnswerer.ModelId ? null : new InstructionLeakGuard(plan.Instructions);
            yield return new GenerationStarting(model, plan);
            await using var updates = client.GetStreamingResponseAsync(plan.Messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
            var completionTokens = 0;
            int? reportedPrompt = null;
            int? reportedCompletion = null;
            ChatFinishReason? finish = null;
            IReadOnlyList<int> named = [];
            var end = GenerationEnd.Stop;
            while (true)
            {
                bool more;
                try
                {
                    more = await updates.MoveNextAsync();
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    if (completionTokens == 0)
                    {
                        LogModelFailed(exception, model, request.Bot.Id);
                        failures.Add(new FailedAttempt(model, Describe(exception)));
                        goto NextModel;
                    }

                    LogStreamBroken(exception, model, request.Bot.Id);
                    end = GenerationEnd.Broken;
                    break;
                }

                if (!more)
                {
                    break;
                }

                var update = updates.Current;
                finish = update.FinishReason ?? finish;
                if (update.AdditionalProperties?.TryGetValue(GroundingExtensions.CitationsPropertyName, out var cited) == true && cited is IEnumerable<int> indexes)
                {
                    named = indexes.ToArray();
                }

                foreach (var usage in update.Contents.OfType<UsageContent>())
                {
                    reportedPrompt = (int?)usage.Details.InputTokenCount ?? reportedPrompt;
                    reportedCompletion = (int?)usage.Details.OutputTokenCount ?? reportedCompletion;
                }

                if (update.Text is not { Length: > 0 } piece)
                {
                    continue;
                }

                completionTokens += Math.Max(1, tokens.CountCached(piece));
                if (guard?.Leaks(piece) == true)
                {
                    LogInstructionsWithheld(model, request.Bot.Id);
                    yield return new GenerationToken(WithheldText);
                    end = GenerationEnd.Withheld;
                    break;
                }

                yield return new GenerationToken(piece);
                if (completionTokens >= maxOutput && finish is null)
                {
                    // The model would go on (or never stop): the reply ends here, as OpenAI's "length" does.
                    end = GenerationEnd.Length;
                    break;
                }
            }

            if (completionTokens == 0)
            {
                failures.Add(new FailedAttempt(model, "empty reply"));
                continue;
            }

            if (end == GenerationEnd.Withheld)
            {
                // Complete as it stands: what it repeated was cut before its last word.
            }
            else if (end == GenerationEnd.Stop && finish is null)
            {
                // Text, then the stream ended without a finish reason: the connection dropped mid-reply.
                end = GenerationEnd.Broken;
            }
            else if (end == GenerationEnd.Stop && finish == ChatFinishReason.Length)
            {
                end = GenerationEnd.Length;
            }

            yield return new GenerationFinished(new GenerationOutcome(
                end, model, reportedPrompt ?? plan.PromptTokens, reportedCompletion ?? completionTokens, named, failures, plan) { Hits = request.Hits });
            yield break;

        NextModel:
            continue;
        }

        LogAllModelsFailed(request.Bot.Id, failures.Count);
        yield return new GenerationToken(ApologyText);
        yield return new GenerationFinished(new GenerationOutcome(GenerationEnd.Apology, null, 0, 0, [], failures, plan) { Hits = request.Hits });
    }

    /// <summary>The bot's model, its fallback models, then the embedded answerer; each once, unknown ids skipped.</summary>
    public IReadOnlyList<string> Chain(GenerationRequest request)
    {
        var answer = request.Bot.Settings.Answer;
        if (answer.StrictMode && !request.Hits.Any(h => h.Score >= answer.MinScore))
        {
            return [EmbeddedAnswerer.ModelId];
        }

        return new[] { answer.Model }.Concat(answer.FallbackModels ?? []).Append(EmbeddedAnswerer.ModelId)
            .Where(catalog.Contains)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }

    private ProviderCredential? CredentialFor(string model, GenerationRequest request) =>
        catalog.Find(model) is { } info && request.Credentials.TryGetValue(info.Provider, out var credential) ? credential : null;

    private static PromptInput PromptFor(GenerationRequest request)
    {
        var settings = request.Bot.Settings;
        return new PromptInput
        {
            BotName = settings.Name,
            BotDescription = settings.Description,
            Persona = settings.SystemPrompt,
            FallbackMessage = settings.FallbackMessage,
            Language = settings.Language,
            StrictMode = settings.Answer.StrictMode,
            RefuseOffTopic = settings.Answer.RefuseOffTopic,
            Hits = request.Hits,
            History = request.History,
            Summary = request.Summary,
            Question = request.Question,
            ContextTokens = settings.Answer.ContextTokens,
        };
    }

    private static string Describe(Exception exception) => exception switch
    {
        System.ClientModel.ClientResultException { Status: > 0 } http => $"HTTP {http.Status}",
        Polly.CircuitBreaker.BrokenCircuitException => "circuit open",
        TimeoutException => "timeout",
        _ => exception.GetType().Name,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Model} failed before its first token for bot {BotId}; trying the next in the chain")]
    private partial void LogModelFailed(Exception exception, string model, string botId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Model} broke off mid-reply for bot {BotId}")]
    private partial void LogStreamBroken(Exception exception, string model, string botId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Model} began to repeat bot {BotId}'s instructions; the reply was cut")]
    private partial void LogInstructionsWithheld(string model, string botId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Every model of bot {BotId}'s chain failed ({Failures} attempts); replying with an apology")]
    private partial void LogAllModelsFailed(string botId, int failures);
}
