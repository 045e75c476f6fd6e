using System.Net;
using System.Net.Http.Json;

namespace ChatSphere.Api.Tests;

/// <summary>Short forms of the calls tests make again and again.</summary>
public static class ApiCalls
{
    public static async Task<BotDto> CreateBotAsync(this HttpClient http, object? body = null)
    {
        using var response = await http.PostAsJsonAsync("api/v1/chatbots", body ?? new { name = "Test bot", answer = new { model = "instant" } }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<BotDto>(ApiHost.Json))!;
    }

    public static async Task AddQaAsync(this HttpClient http, string botId, string question, string answer)
    {
        using var response = await http.PostAsJsonAsync($"api/v1/chatbots/{botId}/sources", new { type = "qa", question, answer }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public static async Task<ReplyDto> AskAsync(this HttpClient http, string botId, string text, string? conversationId = null, string? clientMessageId = null)
    {
        using var response = await http.PostAsJsonAsync($"api/v1/chat/{botId}/messages", new { text, conversationId, clientMessageId }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ReplyDto>(ApiHost.Json))!;
    }

    public static async Task<ProblemDto> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<ProblemDto>(ApiHost.Json))!;
    }
}
