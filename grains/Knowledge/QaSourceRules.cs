using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Knowledge;

namespace ChatSphere.Grains.Knowledge;

/// <summary>What a new Q&amp;A pair must look like.</summary>
internal static class QaSourceRules
{
    public const int MaxQuestionLength = 1_000;
    public const int MaxAnswerLength = 10_000;
    public const int MaxQaSourcesPerBot = 5_000;

    /// <summary>The trimmed question and answer of a valid Q&amp;A source; a <see cref="ValidationFailedException"/> naming every field at fault otherwise.</summary>
    public static (string Question, string Answer) Validate(NewSource source)
    {
        var errors = new Dictionary<string, string[]>();
        var question = source.Question?.Trim() ?? "";
        var answer = source.Answer?.Trim() ?? "";
        if (question.Length is 0 or > MaxQuestionLength)
        {
            errors["question"] = [$"Is required, at most {MaxQuestionLength} characters."];
        }

        if (answer.Length is 0 or > MaxAnswerLength)
        {
            errors["answer"] = [$"Is required, at most {MaxAnswerLength} characters."];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return (question, answer);
    }

    /// <summary>A Q&amp;A source's title: its question, shortened to fit the title column.</summary>
    public static string TitleOf(string question) => Storage.Titles.Fit(question);
}
