using ChatSphere.Grains.Ai.Credentials;
using ChatSphere.Grains.Ai.Prompting;
using ChatSphere.Grains.Ai.Usage;
using Microsoft.Extensions.Options;

namespace ChatSphere.Grains.Ai.Generation;

/// <summary>What a conversation grain needs to produce and account for a reply, in one dependency.</summary>
public sealed class ReplyPipeline(
    ReplyGenerator generator,
    CredentialResolver credentials,
    UsageStore usage,
    MemoryStore memory,
    ConversationSummarizer summarizer,
    GenerationMetrics metrics,
    IOptions<AiOptions> options)
{
    public ReplyGenerator Generator { get; } = generator;

    public CredentialResolver Credentials { get; } = credentials;

    public UsageStore Usage { get; } = usage;

    public MemoryStore Memory { get; } = memory;

    public ConversationSummarizer Summarizer { get; } = summarizer;

    public GenerationMetrics Metrics { get; } = metrics;

    public TimeSpan ReplyTimeout { get; } = TimeSpan.FromSeconds(options.Value.ReplyTimeoutSeconds);
}
