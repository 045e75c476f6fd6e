using ChatSphere.Grains.Ai;

namespace ChatSphere.Grains.Knowledge.Retrieval;

/// <summary>
/// Each chunk's sentences as runs of term numbers, so a search can ask cheaply how much of the query one sentence
/// covers: a question usually restates one sentence of the passage that answers it, while a passage that merely
/// shares the words across unrelated sentences is a weaker match. Not thread-safe: the retriever's lock guards it.
/// </summary>
internal sealed class SentenceTerms
{
    private const int Break = -1;
    private readonly Dictionary<string, int> _vocabulary = new(StringComparer.Ordinal);

    /// <summary>The analysed terms of each sentence of <paramref name="text"/> (thread-safe: run it outside the lock).</summary>
    public static List<List<string>> Analyse(string text) =>
        GroundedAnswerSentences.Split(text).Select(TextAnalyzer.Terms).Where(terms => terms.Count > 0).ToList();

    /// <summary>Analysed sentences as term numbers, sentences separated by -1.</summary>
    public int[] Encode(List<List<string>> sentences)
    {
        var encoded = new List<int>();
        foreach (var sentence in sentences)
        {
            if (encoded.Count > 0)
            {
                encoded.Add(Break);
            }

            foreach (var term in sentence)
            {
                if (!_vocabulary.TryGetValue(term, out var number))
                {
                    number = _vocabulary.Count;
                    _vocabulary.Add(term, number);
                }

                encoded.Add(number);
            }
        }

        return [.. encoded];
    }

    /// <summary>The query's weighted terms by number (terms no chunk has are left out), and their total weight including those.</summary>
    public (Dictionary<int, double> Weights, double Total) Query(IReadOnlyDictionary<string, double> termWeights)
    {
        var weights = new Dictionary<int, double>();
        foreach (var (term, weight) in termWeights)
        {
            if (_vocabulary.TryGetValue(term, out var number))
            {
                weights[number] = weight;
            }
        }

        return (weights, termWeights.Values.Sum());
    }

    /// <summary>The largest share of the query's weight that one sentence holds.</summary>
    public static double BestCoverage(int[] encoded, Dictionary<int, double> weights, double total)
    {
        if (total <= 0 || weights.Count == 0)
        {
            return 0;
        }

        var best = 0.0;
        var seen = new HashSet<int>();
        var sum = 0.0;
        foreach (var number in encoded)
        {
            if (number == Break)
            {
                best = Math.Max(best, sum);
                seen.Clear();
                sum = 0;
            }
            else if (weights.TryGetValue(number, out var weight) && seen.Add(number))
            {
                sum += weight;
            }
        }

        return Math.Max(best, sum) / total;
    }
}
