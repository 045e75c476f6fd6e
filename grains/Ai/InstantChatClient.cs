using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace ChatSphere.Grains.Ai;

/// <summary>
/// A model that costs nothing, for benchmarks of the platform around the model: it streams the fixed reply
/// "word1 word2 … wordN" (<see cref="TokenCount"/> words) whatever it is asked: at once, or paced by
/// <see cref="TokenDelay"/> per word to stand in for a real model's speed in load tests.
/// </summary>
public sealed class InstantChatClient : IChatClient
{
    public const string ModelId = "instant";
    public const string ProviderName = "chatsphere-instant";

    private static readonly ChatClientMetadata Metadata = new(ProviderName, providerUri: null, defaultModelId: ModelId);

    private readonly string[] _pieces;
    private readonly TimeProvider _time;

    public InstantChatClient(int tokenCount, TimeSpan tokenDelay = default, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        ArgumentOutOfRangeException.ThrowIfLessThan(tokenCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(tokenDelay, TimeSpan.Zero);
        TokenCount = tokenCount;
        TokenDelay = tokenDelay;
        _pieces = Enumerable.Range(1, tokenCount).Select(i => i < tokenCount ? $"word{i} " : $"word{i}").ToArray();
        Reply = string.Concat(_pieces);
    }

    public int TokenCount { get; }

    /// <summary>The pause before each streamed word (zero: none).</summary>
    public TimeSpan TokenDelay { get; }

    /// <summary>The whole reply, as the streamed pieces concatenate.</summary>
    public string Reply { get; }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, Reply))
        {
            ModelId = ModelId,
            CreatedAt = _time.GetUtcNow(),
            FinishReason = ChatFinishReason.Stop,
        });
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var createdAt = _time.GetUtcNow();
        for (var i = 0; i < _pieces.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (TokenDelay > TimeSpan.Zero)
            {
                await Task.Delay(TokenDelay, cancellationToken);
            }

            yield return new ChatResponseUpdate(ChatRole.Assistant, _pieces[i])
            {
                ModelId = ModelId,
                CreatedAt = createdAt,
                FinishReason = i == _pieces.Length - 1 ? ChatFinishReason.Stop : null,
            };
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return Metadata;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    public void Dispose()
    {
    }
}
