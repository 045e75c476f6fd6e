using System.Text.RegularExpressions;
using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.Grains.Ai;

namespace ChatSphere.Grains.Chatbots;

/// <summary>Checks chatbot settings; reports every field at fault by its JSON path.</summary>
public static partial class ChatbotValidator
{
    public const int MaxSuggestedQuestions = 10;
    public const int MaxFallbackModels = 3;
    public const int MinContextTokens = 1024;

    /// <summary>Checks the settings; <paramref name="findModel"/> looks a model id up in the deployment's catalogue.</summary>
    public static void Validate(string workspaceId, ChatbotSettings settings, Func<string, ChatModelInfo?> findModel)
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];

        if (!Ids.IsWellFormed(workspaceId))
        {
            Fail("workspaceId", "Must be 1 to 64 letters, digits, '_' or '-'.");
        }

        Length(settings.Name, "name", 1, 100, Fail);
        Length(settings.Description, "description", 0, 500, Fail);
        Length(settings.SystemPrompt, "systemPrompt", 0, 8000, Fail);
        Length(settings.WelcomeMessage, "welcomeMessage", 0, 1000, Fail);
        Length(settings.FallbackMessage, "fallbackMessage", 1, 1000, Fail);

        if (settings.SuggestedQuestions.Count > MaxSuggestedQuestions)
        {
            Fail("suggestedQuestions", $"At most {MaxSuggestedQuestions} suggested questions.");
        }
        else
        {
            for (var i = 0; i < settings.SuggestedQuestions.Count; i++)
            {
                Length(settings.SuggestedQuestions[i], $"suggestedQuestions[{i}]", 1, 200, Fail);
            }
        }

        if (string.IsNullOrEmpty(settings.Language) || !LanguageTag().IsMatch(settings.Language))
        {
            Fail("language", "Must be a language tag such as 'en' or 'pt-BR'.");
        }

        ValidateAnswer(settings.Answer, findModel, Fail);
        Range(settings.Knowledge.ChunkTokens, "knowledge.chunkTokens", KnowledgeSettings.MinChunkTokens, KnowledgeSettings.MaxChunkTokens, Fail);
        Range(settings.Knowledge.OverlapTokens, "knowledge.overlapTokens", 0, settings.Knowledge.ChunkTokens / 2, Fail);
        Range(settings.Knowledge.MinScore, "knowledge.minScore", 0, 1, Fail);
        Range(settings.Knowledge.MmrLambda, "knowledge.mmrLambda", 0, 1, Fail);
        Range(settings.Knowledge.CuratedMinSimilarity, "knowledge.curatedMinSimilarity", 0, 1, Fail);
        WidgetSettingsValidator.Validate(settings, Fail);
        LiveChatRules.Validate(settings.LiveChat, Fail);

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
    }

    private static void ValidateAnswer(AnswerSettings answer, Func<string, ChatModelInfo?> findModel, Action<string, string> fail)
    {
        var model = string.IsNullOrWhiteSpace(answer.Model) ? null : findModel(answer.Model);
        if (model is not { Kind: ModelKind.Chat })
        {
            fail("answer.model", $"Unknown model '{answer.Model}'. GET /api/v1/models lists the chat models of this deployment.");
        }

        Range(answer.MinScore, "answer.minScore", 0, 1, fail);
        Range(answer.MaxAnswerWords, "answer.maxAnswerWords", 5, 2000, fail);
        Range(answer.Temperature, "answer.temperature", 0, 2, fail);
        var maxOutput = model?.MaxOutputTokens is > 0 and var m ? Math.Min(m, 32000) : 32000;
        Range(answer.MaxOutputTokens, "answer.maxOutputTokens", 16, maxOutput, fail);
        if (model is not null)
        {
            var window = model.ContextTokens;
            Range(answer.ContextTokens, "answer.contextTokens", MinContextTokens, Math.Max(MinContextTokens, window - answer.MaxOutputTokens), fail);
        }

        var fallbacks = answer.FallbackModels ?? [];
        if (fallbacks.Count > MaxFallbackModels)
        {
            fail("answer.fallbackModels", $"At most {MaxFallbackModels} fallback models (the embedded answerer always comes last).");
            return;
        }

        for (var i = 0; i < fallbacks.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(fallbacks[i]) || findModel(fallbacks[i]) is not { Kind: ModelKind.Chat })
            {
                fail($"answer.fallbackModels[{i}]", $"Unknown model '{fallbacks[i]}'.");
            }
            else if (fallbacks[i] == answer.Model || fallbacks.Take(i).Contains(fallbacks[i]))
            {
                fail($"answer.fallbackModels[{i}]", "Each model may appear once in the chain.");
            }
        }
    }

    private static void Length(string? value, string field, int min, int max, Action<string, string> fail)
    {
        var length = value?.Trim().Length ?? 0;
        if (min > 0 && length == 0)
        {
            fail(field, "Is required.");
        }
        else if (length > max || (value?.Length ?? 0) > max)
        {
            fail(field, $"Must be at most {max} characters.");
        }
    }

    private static void Range(double value, string field, double min, double max, Action<string, string> fail)
    {
        if (double.IsNaN(value) || value < min || value > max)
        {
            fail(field, $"Must be between {min} and {max}.");
        }
    }

    [GeneratedRegex("^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8}){0,3}$")]
    private static partial Regex LanguageTag();
}
