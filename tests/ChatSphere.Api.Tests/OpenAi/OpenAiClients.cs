using System.ClientModel;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using ChatSphere.Api.Tests.Accounts;
using OpenAI;

namespace ChatSphere.Api.Tests.OpenAi;

/// <summary>
/// The one place the OpenAI-compatible tests get their clients: the official OpenAI SDK with base URL
/// <c>&lt;host&gt;/api/v1</c> and an API key of the fixture user's workspace scoped to chat (as third parties call it),
/// and an HttpClient signed in as that user for setting up bots and checking the wire format.
/// </summary>
public static class OpenAiClients
{
    private static readonly ConditionalWeakTable<EmbeddedApiFixture, Task<string>> ChatKeys = new();

    public static async Task<OpenAIClient> SdkAsync(EmbeddedApiFixture fixture) =>
        Sdk(fixture.Host, await ChatKeys.GetValue(fixture, CreateChatKeyAsync));

    public static OpenAIClient Sdk(ApiHost host, string apiKey) =>
        new(new ApiKeyCredential(apiKey), new OpenAIClientOptions
        {
            Endpoint = new Uri(host.BaseAddress, "api/v1/"),
            NetworkTimeout = TimeSpan.FromSeconds(60),
        });

    public static HttpClient Http(EmbeddedApiFixture fixture) => fixture.Host.Client(fixture.User.AccessToken);

    /// <summary>Creates an API key of the fixture user's workspace with <paramref name="scopes"/> and returns its secret.</summary>
    public static async Task<string> CreateKeyAsync(EmbeddedApiFixture fixture, params string[] scopes)
    {
        using var http = Http(fixture);
        using var created = await http.PostAsJsonAsync(
            $"api/v1/workspaces/{fixture.User.WorkspaceId}/api-keys", new { name = "openai-sdk", scopes }, ApiHost.Json);
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<IssuedKey>(ApiHost.Json))!.Secret;
    }

    private static Task<string> CreateChatKeyAsync(EmbeddedApiFixture fixture) => CreateKeyAsync(fixture, "chat");

    private sealed record IssuedKey(string Secret);
}
