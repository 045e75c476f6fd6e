using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatSphere.Bench.Reporting;

/// <summary>
/// docs/benchmarks.json: one object of metrics shared by every benchmark of the project. A run replaces the keys it
/// measured and keeps every other key as it was.
/// </summary>
public static class BenchmarksJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static SortedDictionary<string, JsonNode?> Merge(string path, IReadOnlyDictionary<string, Metric> metrics)
    {
        var all = Read(path);
        foreach (var (key, metric) in metrics)
        {
            all[key] = JsonSerializer.SerializeToNode(metric, Indented);
        }

        var document = new JsonObject();
        foreach (var (key, value) in all)
        {
            document[key] = value;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, document.ToJsonString(Indented) + "\n");
        return all;
    }

    public static SortedDictionary<string, JsonNode?> Read(string path)
    {
        var all = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return all;
        }

        var existing = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
            ?? throw new InvalidDataException($"{path} is not a JSON object; fix or remove it before the bench merges into it.");
        foreach (var (key, value) in existing)
        {
            all[key] = value?.DeepClone();
        }

        return all;
    }

    /// <summary>A metric's number, if the key holds one in the shared shape.</summary>
    public static double? Value(IReadOnlyDictionary<string, JsonNode?> all, string key) =>
        all.TryGetValue(key, out var node) && node?["value"] is JsonValue value && value.TryGetValue<double>(out var number) ? number : null;

    public static string? Text(IReadOnlyDictionary<string, JsonNode?> all, string key, string field) =>
        all.TryGetValue(key, out var node) && node?[field] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
