using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Knowledge;

namespace ChatSphere.Grains.Knowledge;

/// <summary>What a new Q&amp;A pair must look like.</summary>
internal static class QaSourceRules
{
    public const int MaxQuestionLength = 1_000;
    public const int MaxAnswerLength = 10_000;
    public const int MaxQaSourcesPerBot = 5_000;
    public const int MaxImportPairs = 1_000;

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

    /// <summary>
    /// The trimmed pairs of a valid import (1 to <see cref="MaxImportPairs"/> pairs); a
    /// <see cref="ValidationFailedException"/> naming every field at fault (<c>items[i].question</c>) otherwise.
    /// </summary>
    public static IReadOnlyList<(string Question, string Answer)> ValidateImport(IReadOnlyList<QaPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count is 0 or > MaxImportPairs)
        {
            throw new ValidationFailedException("items", $"Between 1 and {MaxImportPairs} Q&A pairs per import.");
        }

        var errors = new Dictionary<string, string[]>();
        var valid = new List<(string Question, string Answer)>(pairs.Count);
        for (var i = 0; i < pairs.Count; i++)
        {
            try
            {
                valid.Add(Validate(new NewSource { Type = SourceType.Qa, Question = pairs[i].Question, Answer = pairs[i].Answer }));
            }
            catch (ValidationFailedException invalid)
            {
                foreach (var (field, messages) in invalid.Errors)
                {
                    errors[$"items[{i}].{field}"] = messages;
                }
            }
        }

        return errors.Count > 0 ? throw new ValidationFailedException(errors) : valid;
    }

    /// <summary>A Q&amp;A source's title: its question, shortened to fit the title column.</summary>
    public static string TitleOf(string question) => Storage.Titles.Fit(question);
}
