using ChatSphere.GrainInterfaces.Knowledge;

namespace ChatSphere.Grains.Ai.Prompting;

/// <summary>Everything a prompt is assembled from.</summary>
public sealed record PromptInput
{
    public required string BotName { get; init; }

    /// <summary>What the bot is about (its description); used to tell on-topic from off-topic requests.</summary>
    public string? BotDescription { get; init; }

    /// <summary>The bot's persona / system prompt, written by its workspace.</summary>
    public string Persona { get; init; } = "";

    public string FallbackMessage { get; init; } = "";

    public string Language { get; init; } = "en";

    /// <summary>Answer only from the knowledge; the fallback message otherwise.</summary>
    public bool StrictMode { get; init; }

    /// <summary>Decline requests that have nothing to do with the bot's subject.</summary>
    public bool RefuseOffTopic { get; init; } = true;

    /// <summary>Retrieved knowledge, best first; cited as [1], [2], … in this order.</summary>
    public IReadOnlyList<KnowledgeHit> Hits { get; init; } = [];

    /// <summary>Earlier messages, oldest first (not including <see cref="Question"/>).</summary>
    public IReadOnlyList<HistoryMessage> History { get; init; } = [];

    /// <summary>The running summary of messages older than the window, if any.</summary>
    public string? Summary { get; init; }

    public required string Question { get; init; }

    /// <summary>The most tokens the prompt may take.</summary>
    public int ContextTokens { get; init; } = 4096;
}

/// <summary>One earlier message of the conversation.</summary>
public sealed record HistoryMessage(long Seq, bool FromVisitor, string Text);
