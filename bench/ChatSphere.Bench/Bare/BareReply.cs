namespace ChatSphere.Bench.Bare;

/// <summary>
/// The fixed reply both servers stream: "word1 word2 … wordN", one piece per token,
/// the same text ChatSphere's instant model produces.
/// </summary>
public sealed class BareReply
{
    public BareReply(int tokenCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(tokenCount, 1);
        Pieces = Enumerable.Range(1, tokenCount).Select(i => i < tokenCount ? $"word{i} " : $"word{i}").ToArray();
        Offsets = new int[Pieces.Count];
        for (var i = 1; i < Pieces.Count; i++)
        {
            Offsets[i] = Offsets[i - 1] + Pieces[i - 1].Length;
        }

        Text = string.Concat(Pieces);
    }

    public IReadOnlyList<string> Pieces { get; }

    /// <summary>The character position of each piece in <see cref="Text"/>.</summary>
    public int[] Offsets { get; }

    public string Text { get; }
}
