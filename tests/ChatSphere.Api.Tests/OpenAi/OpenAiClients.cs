using System.ClientModel;
using OpenAI;

namespace ChatSphere.Api.Tests.OpenAi;

/// <summary>
/// The one place the OpenAI-compatible tests get their clients: the official OpenAI SDK with base URL
/// <c>&lt;host&gt;/api/v1</c>, and a plain HttpClient for checks of the wire format. Authentication goes here.
/// </summary>
public static class OpenAiClients
{
    public static OpenAIClient Sdk(ApiHost host) =>
        new(new ApiKeyCredential("chatsphere-test"), new OpenAIClientOptions
        {
            Endpoint = new Uri(host.BaseAddress, "api/v1/"),
            NetworkTimeout = TimeSpan.FromSeconds(60),
        });

    public static HttpClient Http(ApiHost host) => new() { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
}
