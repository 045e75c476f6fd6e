using System.Globalization;
using System.Text.Json;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Knowledge;
using CsvHelper;
using CsvHelper.Configuration;

namespace ChatSphere.Api.Knowledge;

/// <summary>
/// Q&amp;A pairs of a bulk import. CSV: a header row with "question" and "answer" columns (any case; otherwise the
/// first two columns are taken), one pair per row. JSON: an array of <c>{"question", "answer"}</c> objects, or an
/// object whose <c>items</c> is such an array.
/// </summary>
public static class QaImportParser
{
    public static IReadOnlyList<QaPair> ParseCsv(string csv)
    {
        using var reader = new CsvReader(new StringReader(csv), CsvSettings());
        var pairs = new List<QaPair>();
        try
        {
            if (!reader.Read() || !reader.ReadHeader() || reader.HeaderRecord is not { Length: >= 2 } header)
            {
                throw new ValidationFailedException("body", "The CSV needs a header row with 'question' and 'answer' columns.");
            }

            var question = Array.FindIndex(header, h => h.Trim().Equals("question", StringComparison.OrdinalIgnoreCase));
            var answer = Array.FindIndex(header, h => h.Trim().Equals("answer", StringComparison.OrdinalIgnoreCase));
            if (question < 0 || answer < 0)
            {
                (question, answer) = (0, 1);
            }

            while (reader.Read())
            {
                pairs.Add(Pair(reader.GetField(question), reader.GetField(answer)));
            }
        }
        catch (CsvHelperException exception)
        {
            throw new ValidationFailedException("body", "The CSV could not be read: " + exception.Message.Split('\n')[0]);
        }

        return pairs;
    }

    public static IReadOnlyList<QaPair> ParseJson(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var items = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("items", out var wrapped)
                ? wrapped
                : document.RootElement;
            if (items.ValueKind != JsonValueKind.Array)
            {
                throw new ValidationFailedException("body", "Expected an array of {\"question\", \"answer\"} objects (or {\"items\": [...]}).");
            }

            return items.EnumerateArray().Select(item => Pair(Field(item, "question"), Field(item, "answer"))).ToArray();
        }
        catch (JsonException exception)
        {
            throw new ValidationFailedException("body", "The JSON could not be read: " + exception.Message);
        }
    }

    /// <summary>A pair read from a file: control characters are stripped, as from any extracted text.</summary>
    private static QaPair Pair(string? question, string? answer) =>
        new(GrainInterfaces.ControlCharacters.StripOrNull(question), GrainInterfaces.ControlCharacters.StripOrNull(answer));

    private static string? Field(JsonElement item, string name)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in item.EnumerateObject())
        {
            if (property.Name.Equals(name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
            {
                return property.Value.GetString();
            }
        }

        return null;
    }

    /// <summary>Read as a CSV document upload is: the delimiter detected, cells trimmed, short rows and stray quotes tolerated.</summary>
    private static CsvConfiguration CsvSettings() => new(CultureInfo.InvariantCulture)
    {
        DetectDelimiter = true,
        BadDataFound = null,
        MissingFieldFound = null,
        TrimOptions = TrimOptions.Trim,
    };
}
