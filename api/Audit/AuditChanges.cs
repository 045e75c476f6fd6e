using System.Text.Json;
using System.Text.Json.Nodes;
using ChatSphere.GrainInterfaces.Audit;

namespace ChatSphere.Api.Audit;

/// <summary>
/// The before/after summary of an audited change: the fields (as JSON paths such as <c>answer.model</c>) whose values
/// differ between two versions of a resource. Values of fields that hold secrets are masked; lists are compared whole.
/// </summary>
public static class AuditChanges
{
    public const string Masked = "***";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly string[] SecretWords = ["secret", "password", "token", "apikey", "credential", "signingkey"];

    public static IReadOnlyList<AuditChange> Between<T>(T? before, T? after)
    {
        var changes = new List<AuditChange>();
        Compare("", Node(before), Node(after), changes);
        return changes;
    }

    /// <summary>A change that only names what was created or removed, for actions with no field-level difference.</summary>
    public static IReadOnlyList<AuditChange> Of(string field, string? before, string? after) =>
        [new AuditChange(field, IsSecret(field) ? Mask(before) : before, IsSecret(field) ? Mask(after) : after)];

    private static JsonNode? Node<T>(T? value) => value is null ? null : JsonSerializer.SerializeToNode(value, Json);

    private static void Compare(string path, JsonNode? before, JsonNode? after, List<AuditChange> changes)
    {
        // A created or removed object lists each of its fields against nothing.
        if (before is JsonObject or null && after is JsonObject or null && (before ?? after) is JsonObject)
        {
            var left = before as JsonObject ?? [];
            var right = after as JsonObject ?? [];
            foreach (var name in left.Select(p => p.Key).Union(right.Select(p => p.Key)))
            {
                Compare(path.Length == 0 ? name : path + "." + name, left[name], right[name], changes);
            }

            return;
        }

        if (JsonNode.DeepEquals(before, after))
        {
            return;
        }

        var secret = IsSecret(path);
        changes.Add(new AuditChange(path, secret ? Mask(Text(before)) : Text(before), secret ? Mask(Text(after)) : Text(after)));
    }

    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    private static string? Mask(string? value) => value is null ? null : Masked;

    private static bool IsSecret(string path)
    {
        var name = path[(path.LastIndexOf('.') + 1)..].Replace("_", "", StringComparison.Ordinal);
        return SecretWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase));
    }
}
