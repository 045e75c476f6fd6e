using System.Text.Json;
using System.Text.Json.Serialization;
using ChatSphere.GrainInterfaces;

namespace ChatSphere.Api.Validation;

/// <summary>
/// Reads every string of a JSON request body (values and keys alike) and refuses one holding a control character, so
/// such text is turned away at the edge with a 400 naming its place (<c>text</c>, <c>suggestedQuestions[2]</c>) for every
/// endpoint at once, before any grain or database sees it. Writes strings as the default converter does.
/// </summary>
public sealed class ControlCharacterJsonConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            // The default converter's refusal, with its path added by the serializer.
            throw new JsonException();
        }

        return Checked(reader.GetString());
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Checked(reader.GetString())!;

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

    private static string? Checked(string? value) =>
        value is not null && ControlCharacters.Contains(value) ? throw new ControlCharacterException() : value;
}

/// <summary>A JSON string held a control character; the serializer adds where (<see cref="JsonException.Path"/>).</summary>
public sealed class ControlCharacterException() : JsonException(ControlCharacters.Problem);
