namespace ChatSphere.Grains.Ai;

/// <summary>Settings of the AI adapters, from the configuration section <c>ChatSphere:Ai</c>.</summary>
public sealed class AiOptions
{
    public const string SectionName = "ChatSphere:Ai";

    public InstantModelOptions InstantModel { get; set; } = new();
}

/// <summary>The benchmark model "instant" (<c>ChatSphere:Ai:InstantModel</c>); off unless enabled.</summary>
public sealed class InstantModelOptions
{
    public const int MinTokenCount = 1;
    public const int MaxTokenCount = 100_000;

    public bool Enabled { get; set; }

    /// <summary>Words in each reply.</summary>
    public int TokenCount { get; set; } = 50;

    /// <summary>Milliseconds before each streamed word (0: the whole reply at once).</summary>
    public int TokenDelayMs { get; set; }
}
