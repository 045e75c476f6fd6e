using System.Text.Json;

namespace ChatSphere.Api.Tests;

/// <summary>Reads a Server-Sent Events body into (event, data) pairs.</summary>
public static class SseReader
{
    public static async Task<List<(string Event, JsonElement Data)>> ReadAllAsync(HttpResponseMessage response)
    {
        var events = new List<(string, JsonElement)>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        string? name = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add((name ?? "message", JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone()));
                name = null;
            }
        }

        return events;
    }
}
