using System.Text.Json;
using System.Text.Json.Serialization;
using ChatSphere.GrainInterfaces.Ai;
using ChatSphere.GrainInterfaces.Knowledge;

namespace ChatSphere.Grains.Ai.Usage;

/// <summary>The retrieved knowledge of a reply as the JSON text of cs_message_hits.hits (camelCase, type by name).</summary>
public static class ReplyHitsCodec
{
    /// <summary>A passage's text is kept up to this many characters (chunks are far shorter; Q&amp;A answers may not be).</summary>
    public const int MaxTextLength = 4000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Encode(IReadOnlyList<KnowledgeHit> hits) => JsonSerializer.Serialize(
        hits.Select(h => new ReplyHit
        {
            SourceId = h.SourceId, Type = h.Type, Title = h.Title, Heading = h.Heading, Url = h.Url, FileName = h.FileName,
            Score = Math.Round(h.Score, 4), Text = h.Text.Length > MaxTextLength ? h.Text[..MaxTextLength] : h.Text, Question = h.Question,
        }).ToArray(),
        Json);

    public static IReadOnlyList<ReplyHit> Decode(string json) => JsonSerializer.Deserialize<ReplyHit[]>(json, Json) ?? [];
}
