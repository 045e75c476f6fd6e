using System.Text.RegularExpressions;
using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Errors;

namespace ChatSphere.Grains.Chatbots;

/// <summary>Checks chatbot settings; reports every field at fault by its JSON path.</summary>
public static partial class ChatbotValidator
{
    public const int MaxSuggestedQuestions = 10;

    public static void Validate(string workspaceId, ChatbotSettings settings, Func<string, bool> modelExists)
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

        var answer = settings.Answer;
        if (string.IsNullOrWhiteSpace(answer.Model) || !modelExists(answer.Model))
        {
            Fail("answer.model", $"Unknown model '{answer.Model}'. GET /api/v1/models lists the models of this deployment.");
        }

        Range(answer.MinScore, "answer.minScore", 0, 1, Fail);
        Range(answer.MaxAnswerWords, "answer.maxAnswerWords", 5, 2000, Fail);
        Range(answer.Temperature, "answer.temperature", 0, 2, Fail);
        Range(answer.MaxOutputTokens, "answer.maxOutputTokens", 16, 32000, Fail);
        WidgetSettingsValidator.Validate(settings, Fail);

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
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
