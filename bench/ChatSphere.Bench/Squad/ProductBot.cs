using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChatSphere.GrainInterfaces.Knowledge;

namespace ChatSphere.Bench.Squad;

/// <summary>
/// One chatbot of a <see cref="ProductServer"/>: text sources are added and ingested by the product's pipeline, and
/// searched with <c>POST /api/v1/chatbots/{botId}/search</c>.
/// </summary>
public sealed class ProductBot(HttpClient http, string botId)
{
    private const int PageSize = 100;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string BotId { get; } = botId;

    /// <summary>Adds a text source (queued for ingestion); its id.</summary>
    public async Task<string> AddTextAsync(string title, string text, CancellationToken cancellationToken) =>
        (await SendAsync<Created>(http, HttpMethod.Post, $"/api/v1/chatbots/{BotId}/sources", new { type = "text", title, text }, HttpStatusCode.Created, cancellationToken)).Id;

    /// <summary>
    /// Waits until every one of <paramref name="sourceIds"/> is indexed (a failed one stops the bench). It polls one unfinished source at a time, in the order they were added (the order jobs start in):
    /// a source's JSON carries its whole text, so polling the full list often would load the server it measures.
    /// </summary>
    public async Task WaitIndexedAsync(IReadOnlyList<string> sourceIds, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var pending = new Queue<string>(sourceIds);
        while (pending.TryPeek(out var sourceId))
        {
            var source = await SendAsync<SourceRow>(http, HttpMethod.Get, $"/api/v1/chatbots/{BotId}/sources/{sourceId}", null, HttpStatusCode.OK, cancellationToken);
            switch (source.Status)
            {
                case "indexed":
                    pending.Dequeue();
                    continue;
                case "failed":
                    throw new InvalidOperationException($"Source {source.Id} ({source.Title}) failed to ingest: {source.Error}");
            }

            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"{sourceIds.Count - pending.Count} of {sourceIds.Count} sources were indexed after {timeout.TotalMinutes:N0} min.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    /// <summary>The given sources as listed now; each must be indexed.</summary>
    public async Task<IReadOnlyList<SourceRow>> IndexedSourcesAsync(IReadOnlyList<string> sourceIds, CancellationToken cancellationToken)
    {
        var listed = (await ListSourcesAsync(cancellationToken)).ToDictionary(s => s.Id, StringComparer.Ordinal);
        return sourceIds.Select(id => listed.TryGetValue(id, out var source) && source.Status == "indexed"
            ? source
            : throw new InvalidOperationException($"Source {id} was seen indexed, then was not.")).ToArray();
    }

    /// <summary>The product's ranked hits for <paramref name="query"/>.</summary>
    public async Task<IReadOnlyList<KnowledgeHit>> SearchAsync(string query, int topK, CancellationToken cancellationToken)
    {
        var hits = await SendAsync<List<HitRow>>(http, HttpMethod.Post, $"/api/v1/chatbots/{BotId}/search", new { query, topK }, HttpStatusCode.OK, cancellationToken);
        return hits.Select(h => new KnowledgeHit { SourceId = h.SourceId, Score = h.Score, Title = h.Title, Url = h.Url, Text = h.Text, Type = SourceType.Text }).ToArray();
    }

    /// <summary>The bot's settings as <c>GET /api/v1/chatbots/{botId}</c> shows them (the members the bench reads).</summary>
    public Task<BotRow> GetAsync(CancellationToken cancellationToken) =>
        SendAsync<BotRow>(http, HttpMethod.Get, $"/api/v1/chatbots/{BotId}", null, HttpStatusCode.OK, cancellationToken);

    /// <summary>The workspace's plan as <c>GET /api/v1/workspaces/{workspaceId}/billing/plan</c> shows it.</summary>
    public Task<PlanRow> PlanAsync(string workspaceId, CancellationToken cancellationToken) =>
        SendAsync<PlanRow>(http, HttpMethod.Get, $"/api/v1/workspaces/{workspaceId}/billing/plan", null, HttpStatusCode.OK, cancellationToken);

    /// <summary>
    /// Asks the bot <paramref name="text"/> in a new conversation through <c>POST /api/v1/chat/{botId}/messages</c>
    /// (not streamed): the product's whole reply path (conversation grain, knowledge search, the bot's answer model).
    /// </summary>
    public Task<ChatReplyRow> AskAsync(string text, CancellationToken cancellationToken) =>
        SendAsync<ChatReplyRow>(http, HttpMethod.Post, $"/api/v1/chat/{BotId}/messages", new { text, stream = false }, HttpStatusCode.OK, cancellationToken);

    private async Task<List<SourceRow>> ListSourcesAsync(CancellationToken cancellationToken)
    {
        var all = new List<SourceRow>();
        string? cursor = null;
        do
        {
            var query = cursor is null ? $"?limit={PageSize}" : $"?limit={PageSize}&cursor={Uri.EscapeDataString(cursor)}";
            var page = await SendAsync<SourcePage>(http, HttpMethod.Get, $"/api/v1/chatbots/{BotId}/sources{query}", null, HttpStatusCode.OK, cancellationToken);
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return all;
    }

    internal static async Task<T> SendAsync<T>(HttpClient http, HttpMethod method, string path, object? body, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {text}");
        }

        return JsonSerializer.Deserialize<T>(text, Json) ?? throw new InvalidOperationException($"{method} {path} returned no body.");
    }

    internal sealed record Created([property: JsonPropertyName("id")] string Id);

    private sealed record SourcePage(List<SourceRow> Items, string? NextCursor);

    private sealed record HitRow(string SourceId, double Score, string Title, string? Url, string Text);
}

/// <summary>A source as GET .../sources lists it (the members the bench reads).</summary>
public sealed record SourceRow(string Id, string Title, string Status, int Chunks, int Characters, string? Error);

/// <summary>A chatbot as GET /api/v1/chatbots/{botId} shows it (the members the bench reads).</summary>
public sealed record BotRow(string Id, string WorkspaceId, string FallbackMessage, BotAnswerRow Answer);

/// <summary>A chatbot's answer settings (the members the bench reads).</summary>
public sealed record BotAnswerRow(string Model, double MinScore, int MaxAnswerWords);

/// <summary>A workspace's plan: its tier and monthly message quota (null: none).</summary>
public sealed record PlanRow(string Plan, PlanLimitsRow Limits);

/// <summary>The plan limits the bench depends on (null: no limit).</summary>
public sealed record PlanLimitsRow(long? MessagesPerMonth);

/// <summary>A finished reply of POST /api/v1/chat/{botId}/messages (the members the bench reads).</summary>
public sealed record ChatReplyRow(string ConversationId, string Text, string Status, IReadOnlyList<JsonElement> Citations);
