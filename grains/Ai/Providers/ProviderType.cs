namespace ChatSphere.Grains.Ai.Providers;

/// <summary>The wire protocol a provider speaks.</summary>
public enum ProviderType
{
    /// <summary>The offline grounded answerer in this process.</summary>
    Embedded,

    /// <summary>api.openai.com (or <see cref="ProviderOptions.BaseUrl"/>) with a bearer key.</summary>
    OpenAi,

    /// <summary>An Azure OpenAI resource through its v1 API (<c>{BaseUrl}/openai/v1/</c>, <c>api-key</c> header); models are deployments.</summary>
    AzureOpenAi,

    /// <summary>Any server of the OpenAI chat completions protocol: Ollama, vLLM, llama.cpp, LiteLLM.</summary>
    OpenAiCompatible,
}

/// <summary>Reads and writes the configuration spelling of <see cref="ProviderType"/>.</summary>
public static class ProviderTypes
{
    /// <summary>The configuration spelling: <c>embedded</c>, <c>openai</c>, <c>azure-openai</c>, <c>openai-compatible</c>.</summary>
    public static bool TryParse(string? text, out ProviderType type)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "embedded": type = ProviderType.Embedded; return true;
            case "openai": type = ProviderType.OpenAi; return true;
            case "azure-openai" or "azureopenai" or "azure": type = ProviderType.AzureOpenAi; return true;
            case "openai-compatible" or "openaicompatible": type = ProviderType.OpenAiCompatible; return true;
            default: type = default; return false;
        }
    }

    public static string Name(this ProviderType type) => type switch
    {
        ProviderType.Embedded => "embedded",
        ProviderType.OpenAi => "openai",
        ProviderType.AzureOpenAi => "azure-openai",
        _ => "openai-compatible",
    };
}
