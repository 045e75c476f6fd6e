using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace ChatSphere.Grains.Ai.Prompting;

/// <summary>
/// What <see cref="InstructionLeakGuard"/> looks for in a reply: every run of <see cref="InstructionLeakGuard.ShingleWords"/>
/// consecutive words of the instructions (quoted text left out), and the words themselves, so a reply word the
/// instructions never use ends every run at once. Built once per distinct instructions text and shared, since a
/// bot's instructions come back reply after reply.
/// </summary>
public sealed class InstructionShingles
{
    private const int CacheCapacity = 1_024;
    private static readonly ConcurrentDictionary<string, InstructionShingles> Cache = new(StringComparer.Ordinal);

    private InstructionShingles(FrozenSet<string> shingles, FrozenSet<string> vocabulary)
    {
        Shingles = shingles;
        Vocabulary = vocabulary;
    }

    public FrozenSet<string> Shingles { get; }

    public FrozenSet<string> Vocabulary { get; }

    public static InstructionShingles For(string instructions)
    {
        ArgumentNullException.ThrowIfNull(instructions);
        if (Cache.TryGetValue(instructions, out var cached))
        {
            return cached;
        }

        if (Cache.Count >= CacheCapacity)
        {
            Cache.Clear();
        }

        return Cache[instructions] = Build(instructions);
    }

    private static InstructionShingles Build(string instructions)
    {
        var words = InstructionLeakGuard.Words(InstructionLeakGuard.WithoutQuotes(instructions)).ToArray();
        var shingles = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + InstructionLeakGuard.ShingleWords <= words.Length; i++)
        {
            shingles.Add(string.Join(' ', words, i, InstructionLeakGuard.ShingleWords));
        }

        var vocabulary = shingles.Count == 0 ? [] : words;
        return new InstructionShingles(shingles.ToFrozenSet(StringComparer.Ordinal), vocabulary.ToFrozenSet(StringComparer.Ordinal));
    }
}
