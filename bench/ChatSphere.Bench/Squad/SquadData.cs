using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChatSphere.Bench.Squad;

/// <summary>One Wikipedia article of the SQuAD v1.1 dev set: paragraphs joined by blank lines.</summary>
public sealed record SquadDocument(
    [property: JsonPropertyName("doc_id")] string DocId,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("text")] string Text);

/// <summary>A question with its accepted answers and the character range of its gold paragraph in the document.</summary>
public sealed record SquadQuestion(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("answers")] IReadOnlyList<string> Answers,
    [property: JsonPropertyName("doc_id")] string DocId,
    [property: JsonPropertyName("passage_start")] int PassageStart,
    [property: JsonPropertyName("passage_end")] int PassageEnd,
    [property: JsonPropertyName("answer_spans")] IReadOnlyList<int[]>? AnswerSpans = null);

/// <summary>Reads the files of shared/eval/squad-dev (see its README).</summary>
public static class SquadData
{
    public static string Folder(string repo) => Path.GetFullPath(Path.Combine(repo, "..", "shared", "eval", "squad-dev"));

    public static IReadOnlyList<SquadDocument> Documents(string folder) => Read<SquadDocument>(Path.Combine(folder, "docs.jsonl"));

    public static IReadOnlyList<SquadQuestion> Questions(string folder, string set) => Read<SquadQuestion>(Path.Combine(folder, $"{set}.jsonl"));

    private static List<T> Read<T>(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The SQuAD evaluation file {path} is missing: the bench expects shared/ beside the repository.", path);
        }

        return File.ReadLines(path)
            .Where(line => line.Length > 0)
            .Select(line => JsonSerializer.Deserialize<T>(line) ?? throw new InvalidDataException($"An empty record in {path}."))
            .ToList();
    }
}
