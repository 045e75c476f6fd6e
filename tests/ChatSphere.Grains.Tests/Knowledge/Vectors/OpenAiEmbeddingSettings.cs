using ChatSphere.Grains.Tests.Ai.FakeOpenAi;

namespace ChatSphere.Grains.Tests.Knowledge.Vectors;

/// <summary>Knowledge embeddings from the fake OpenAI server: <c>ChatSphere:Knowledge:Embeddings</c> as configuration keys.</summary>
internal static class OpenAiEmbeddingSettings
{
    public const int Dimensions = 48;
    public const int BatchSize = 2;

    public static Dictionary<string, string?> For(FakeOpenAiServer server, string model) => new()
    {
        ["ChatSphere:Knowledge:Embeddings:Provider"] = "openai",
        ["ChatSphere:Knowledge:Embeddings:Endpoint"] = server.BaseUrl.AbsoluteUri,
        ["ChatSphere:Knowledge:Embeddings:Model"] = model,
        ["ChatSphere:Knowledge:Embeddings:ApiKey"] = "sk-test",
        ["ChatSphere:Knowledge:Embeddings:Dimensions"] = Dimensions.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ChatSphere:Knowledge:Embeddings:BatchSize"] = BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ChatSphere:Knowledge:Embeddings:MaxRetries"] = "2",
        ["ChatSphere:Knowledge:Embeddings:RetryBaseDelayMs"] = "10",
    };

    /// <summary>The name chunks and namespaces record for <paramref name="model"/>.</summary>
    public static string SpaceOf(string model) => $"openai:{model}@{Dimensions}";
}
