using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.ML.Tokenizers;

namespace ChatSphere.Grains.Ai.Prompting;

/// <summary>
/// Real token counts with the o200k_base encoding (GPT-4o and later), from the tokenizer data package. Other models'
/// tokenizers differ by a few per cent; the budgets leave room for that. Thread-safe; one per process.
/// </summary>
public sealed class TokenCounter
{
    /// <summary>Tokens the chat format adds around each message (role and separators).</summary>
    public const int PerMessage = 3;

    /// <summary>Tokens that prime the assistant's reply.</summary>
    public const int ReplyPriming = 3;

    private static readonly Lazy<Tokenizer> Shared = new(() => TiktokenTokenizer.CreateForEncoding("o200k_base"), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Counts by string instance: a conversation's messages are the same strings reply after reply.</summary>
    private readonly ConditionalWeakTable<string, StrongBox<int>> _counted = [];

    /// <summary>Counts by content, for texts that come back reply after reply as new strings: a bot's system prompt with
    /// its guardrails, the words a model streams. Hashing a text is far cheaper than tokenising it. Bounded: cleared
    /// when full.</summary>
    private readonly ConcurrentDictionary<string, int> _byContent = new(StringComparer.Ordinal);
    private const int ByContentCapacity = 8_192;
    private const int ByContentMaxLength = 16_384;

    public int Count(string? text) => string.IsNullOrEmpty(text) ? 0 : Shared.Value.CountTokens(text);

    /// <summary>Like <see cref="Count"/>, remembered by content (see <see cref="_byContent"/>).</summary>
    public int CountCached(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > ByContentMaxLength)
        {
            return Count(text);
        }

        if (_byContent.TryGetValue(text, out var count))
        {
            return count;
        }

        if (_byContent.Count >= ByContentCapacity)
        {
            _byContent.Clear();
        }

        return _byContent[text] = Count(text);
    }

    /// <summary>What a message costs in a prompt: its text and the format's overhead.</summary>
    public int CountMessage(string? text) => Count(text) + PerMessage;

    /// <summary>Like <see cref="CountMessage"/>, remembered per string instance for as long as the string lives.</summary>
    public int CountMessageCached(string text) =>
        _counted.GetValue(text, t => new StrongBox<int>(CountMessage(t))).Value;

    /// <summary>The longest prefix of <paramref name="text"/> that fits in <paramref name="maxTokens"/> tokens.</summary>
    public string Truncate(string text, int maxTokens)
    {
        if (maxTokens <= 0)
        {
            return "";
        }

        var index = Shared.Value.GetIndexByTokenCount(text, maxTokens, out _, out _);
        return text[..index];
    }
}
