using System.Text.Json.Serialization;

namespace ChatSphere.Bench.Reporting;

/// <summary>One figure of docs/benchmarks.json: its value and unit, the exact command that measured it, when and where.</summary>
public sealed record Metric(
    [property: JsonPropertyName("value")] double Value,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("command")] string Command,
    [property: JsonPropertyName("date")] string Date,
    [property: JsonPropertyName("machine")] string? Machine = null);
