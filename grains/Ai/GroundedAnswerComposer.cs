// Over 300 lines: one pure scoring function and its helpers (sentence scoring, span cutting, citations), tuned together on SQuAD.
using System.Numerics.Tensors;
using System.Text;
using System.Text.RegularExpressions;
using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Knowledge.Retrieval;
using Microsoft.Extensions.AI;

namespace ChatSphere.Grains.Ai;

/// <summary>
/// The embedded answerer's reply, composed from retrieved hits without a language model: every sentence of the top
/// hits is scored for how well it supports an answer to the question (the question's weighted words it contains,
/// its embedding's similarity to the question's, the rank of its hit, and whether it holds the kind of thing the
/// question asks for: a date, a number, a name), and the reply is the best sentence, cut to the word budget around
/// its best-supported span, with a second sentence only when it is nearly as well supported. Sources are cited as
/// [1], [2] in the order the reply uses them (<see cref="GroundedAnswerReply.Citations"/> maps them to hits). A curated
/// Q&amp;A hit (<see cref="KnowledgeHit.Curated"/>, decided by retrieval) is answered with as written; weak support
/// gives the fallback.
/// <see cref="Compose"/> is a pure function; <see cref="ComposeAsync"/> embeds the sentences first.
/// </summary>
public static partial class GroundedAnswerComposer
{
    /// <summary>The sentences that compete for the answer, in hit order: embed these (same order) for <see cref="Compose"/>.</summary>
    public static IReadOnlyList<AnswerSentence> Candidates(IReadOnlyList<KnowledgeHit> hits, GroundedAnswerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(hits);
        ArgumentNullException.ThrowIfNull(settings);
        var sentences = new List<AnswerSentence>();
        // Overlapping chunks repeat sentences: each competes once, from the best hit that holds it.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var hit = 0; hit < Math.Min(hits.Count, settings.HitsConsidered); hit++)
        {
            if (hits[hit].Score < settings.MinCompetingHitScore)
            {
                continue;
            }

            // A chunk's text starts with its section's heading line, which names the topic but answers nothing.
            var headings = hits[hit].Heading?.Split(Ingestion.Chunking.TextChunker.PathSeparator, StringSplitOptions.TrimEntries) ?? [];
            var position = 0;
            foreach (var sentence in GroundedAnswerSentences.Split(hits[hit].Text))
            {
                if (!headings.Contains(sentence, StringComparer.Ordinal) && seen.Add(sentence))
                {
                    sentences.Add(new AnswerSentence(hit, position, sentence));
                }

                position++;
            }
        }

        return sentences;
    }

    /// <summary>Embeds the question and the candidate sentences with <paramref name="embedder"/>, then composes.</summary>
    public static async Task<GroundedAnswerReply> ComposeAsync(
        string question,
        IReadOnlyList<KnowledgeHit> hits,
        GroundedAnswerSettings settings,
        IEmbeddingGenerator<string, Embedding<float>> embedder,
        IReadOnlyDictionary<string, double>? termWeights = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        var candidates = Candidates(hits, settings);
        if (candidates.Count == 0 || IsCurated(hits) || !Answerable(hits, settings))
        {
            return Compose(question, hits, settings, termWeights);
        }

        var embeddings = await embedder.GenerateAsync([question, .. candidates.Select(c => c.Text)], cancellationToken: cancellationToken);
        var vectors = embeddings.Select(e => e.Vector.ToArray()).ToArray();
        return Compose(question, hits, settings, termWeights, vectors[0], vectors[1..]);
    }

    /// <summary>
    /// The reply to <paramref name="question"/> from <paramref name="hits"/> (best first). <paramref name="termWeights"/>
    /// are the analysed question words' weights in the bot's knowledge (<see cref="HybridRetriever.TermWeights"/>);
    /// without them the words are weighed within the hits. The vectors, when given, are the question's embedding and
    /// those of <see cref="Candidates"/> in order.
    /// </summary>
    public static GroundedAnswerReply Compose(
        string question,
        IReadOnlyList<KnowledgeHit> hits,
        GroundedAnswerSettings settings,
        IReadOnlyDictionary<string, double>? termWeights = null,
        float[]? questionVector = null,
        IReadOnlyList<float[]>? sentenceVectors = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(hits);
        ArgumentNullException.ThrowIfNull(settings);
        var fallback = new GroundedAnswerReply(settings.FallbackMessage.Trim(), [], IsFallback: true);
        if (hits.Count == 0)
        {
            return fallback;
        }

        if (IsCurated(hits))
        {
            // The bot's owner wrote this answer for this question: it is given whole, not cut to the word budget.
            return new GroundedAnswerReply($"{hits[0].Text.Trim()} [1]", [1], IsFallback: false);
        }

        if (!Answerable(hits, settings))
        {
            return fallback;
        }

        var candidates = Candidates(hits, settings);
        if (candidates.Count == 0)
        {
            return fallback;
        }

        if (sentenceVectors is not null && sentenceVectors.Count != candidates.Count)
        {
            throw new ArgumentException($"Expected {candidates.Count} sentence vectors, got {sentenceVectors.Count}.", nameof(sentenceVectors));
        }

        var questionTerms = TextAnalyzer.Terms(question).Distinct(StringComparer.Ordinal).ToArray();
        var weights = Weights(questionTerms, candidates, termWeights);
        var kind = GroundedAnswerTypes.Of(question);
        var support = new double[candidates.Count];
        var evidence = 0.0;
        for (var i = 0; i < candidates.Count; i++)
        {
            var similarity = questionVector is not null && sentenceVectors is not null
                ? TensorPrimitives.CosineSimilarity(questionVector, sentenceVectors[i])
                : 0;
            var sentenceTerms = TextAnalyzer.Terms(candidates[i].Text);
            var keyword = KeywordCoverage(sentenceTerms, questionTerms, weights);
            evidence = Math.Max(evidence, Math.Max(keyword, similarity));
            support[i] = Support(candidates[i], keyword, similarity, questionTerms, kind, settings);
        }

        // A Q&A pair's answer seldom repeats its question, which retrieval has matched already: the pair's own
        // score counts as evidence too.
        foreach (var hit in candidates.Select(c => c.HitIndex).Distinct().Where(h => hits[h].Type == SourceType.Qa))
        {
            evidence = Math.Max(evidence, hits[hit].Score);
        }

        if (evidence < settings.MinSupport)
        {
            return fallback;
        }

        var order = Enumerable.Range(0, candidates.Count).OrderByDescending(i => support[i]).ToArray();
        var best = order[0];

        var chosen = new List<int> { best };
        if (order.Length > 1)
        {
            var second = order[1];
            var words = WordCount(candidates[best].Text) + WordCount(candidates[second].Text);
            if (settings.SecondSentenceMargin > 0 && support[second] >= support[best] * (1 - settings.SecondSentenceMargin) && words <= settings.MaxWords)
            {
                chosen.Add(second);
            }
        }

        // Sentences keep their order in the knowledge, so two from one passage read as written.
        chosen.Sort((a, b) => (candidates[a].HitIndex, candidates[a].Position).CompareTo((candidates[b].HitIndex, candidates[b].Position)));
        return Reply(chosen.Select(i => candidates[i]).ToArray(), questionTerms, weights, kind, settings);
    }

    /// <summary>
    /// Some hit among those considered reaches <see cref="GroundedAnswerSettings.MinHitScore"/>. Not only the first: retrieval
    /// ranks by more than the score, so a hit with a lower score can come first.
    /// </summary>
    private static bool Answerable(IReadOnlyList<KnowledgeHit> hits, GroundedAnswerSettings settings) =>
        hits.Take(settings.HitsConsidered).Any(h => h.Score >= settings.MinHitScore);

    private static bool IsCurated(IReadOnlyList<KnowledgeHit> hits) =>
        hits.Count > 0 && hits[0].Curated && hits[0].Type == SourceType.Qa && !string.IsNullOrWhiteSpace(hits[0].Text);

    /// <summary>The share of the question's word weight that the sentence holds.</summary>
    private static double KeywordCoverage(List<string> sentenceTerms, string[] questionTerms, Dictionary<string, double> weights)
    {
        var terms = new HashSet<string>(sentenceTerms, StringComparer.Ordinal);
        var total = questionTerms.Sum(t => weights[t]);
        return total > 0 ? questionTerms.Where(terms.Contains).Sum(t => weights[t]) / total : 0;
    }

    private static double Support(AnswerSentence sentence, double keyword, double similarity, string[] questionTerms, GroundedAnswerTypes.Kind kind, GroundedAnswerSettings settings)
    {
        var fits = kind != GroundedAnswerTypes.Kind.None && HasAnswerCandidate(sentence.Text, questionTerms, kind) ? 1 : 0;
        return (settings.KeywordWeight * keyword)
            + (settings.SimilarityWeight * similarity)
            + (settings.HitRankWeight / (1 + sentence.HitIndex))
            + (settings.AnswerTypeWeight * fits);
    }

    /// <summary>True when the sentence holds a word of the asked-for kind that is not one of the question's own words.</summary>
    private static bool HasAnswerCandidate(string sentence, string[] questionTerms, GroundedAnswerTypes.Kind kind)
    {
        var words = Word().Matches(sentence);
        for (var i = 0; i < words.Count; i++)
        {
            if (GroundedAnswerTypes.Fits(kind, words[i].Value, sentenceStart: i == 0) && !IsQuestionWord(words[i].Value, questionTerms))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsQuestionWord(string word, string[] questionTerms)
    {
        var terms = TextAnalyzer.Terms(word);
        return terms.Count > 0 && terms.All(questionTerms.Contains);
    }

    /// <summary>The question words' weights: the bot's, or within the candidate sentences when the bot's are unknown.</summary>
    private static Dictionary<string, double> Weights(string[] questionTerms, IReadOnlyList<AnswerSentence> candidates, IReadOnlyDictionary<string, double>? termWeights)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        var sentenceTerms = termWeights is null ? candidates.Select(c => new HashSet<string>(TextAnalyzer.Terms(c.Text), StringComparer.Ordinal)).ToArray() : [];
        foreach (var term in questionTerms)
        {
            if (termWeights is not null)
            {
                // A word the bot's knowledge never uses cannot be matched anyway; weigh it like a rare word.
                weights[term] = termWeights.TryGetValue(term, out var weight) && weight > 0 ? weight : 1;
            }
            else
            {
                var df = sentenceTerms.Count(s => s.Contains(term));
                weights[term] = Math.Log(1 + ((sentenceTerms.Length - df + 0.5) / (df + 0.5)));
            }
        }

        return weights;
    }

    private static GroundedAnswerReply Reply(AnswerSentence[] sentences, string[] questionTerms, Dictionary<string, double> weights, GroundedAnswerTypes.Kind kind, GroundedAnswerSettings settings)
    {
        var text = new StringBuilder();
        var cited = new List<int>();
        for (var i = 0; i < sentences.Length; i++)
        {
            var sentence = sentences.Length == 1 ? Window(sentences[i].Text, questionTerms, weights, kind, settings.MaxWords) : sentences[i].Text;
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(sentence);
            var hit = sentences[i].HitIndex + 1;
            var lastOfHit = i == sentences.Length - 1 || sentences[i + 1].HitIndex != sentences[i].HitIndex;
            if (lastOfHit)
            {
                // Markers count up in the order the reply first cites each hit.
                if (!cited.Contains(hit))
                {
                    cited.Add(hit);
                }

                text.Append(" [").Append(cited.IndexOf(hit) + 1).Append(']');
            }
        }

        return new GroundedAnswerReply(text.ToString(), cited, IsFallback: false);
    }

    /// <summary>
    /// A sentence longer than the budget is cut to the run of <paramref name="maxWords"/> words that carries the most
    /// support: the question's words by weight, and words of the asked-for kind that the question does not hold.
    /// </summary>
    private static string Window(string sentence, string[] questionTerms, Dictionary<string, double> weights, GroundedAnswerTypes.Kind kind, int maxWords)
    {
        var words = Word().Matches(sentence);
        if (maxWords <= 0 || words.Count <= maxWords)
        {
            return sentence;
        }

        var value = new double[words.Count];
        var typeBonus = questionTerms.Length > 0 ? questionTerms.Average(t => weights[t]) : 1;
        for (var i = 0; i < words.Count; i++)
        {
            var terms = TextAnalyzer.Terms(words[i].Value);
            var matched = terms.Where(questionTerms.Contains).Sum(t => weights[t]);
            value[i] = matched > 0 ? matched : GroundedAnswerTypes.Fits(kind, words[i].Value, i == 0) ? typeBonus : 0;
        }

        var start = 0;
        var sum = value.Take(maxWords).Sum();
        var bestSum = sum;
        for (var i = maxWords; i < words.Count; i++)
        {
            sum += value[i] - value[i - maxWords];
            if (sum > bestSum + 1e-9)
            {
                bestSum = sum;
                start = i - maxWords + 1;
            }
        }

        var first = words[start];
        var last = words[start + maxWords - 1];
        var cut = sentence[first.Index..(last.Index + last.Length)];
        return (start > 0 ? "…" : "") + cut + (start + maxWords < words.Count ? "…" : "");
    }

    private static int WordCount(string text) => Word().Count(text);

    [GeneratedRegex(@"\S+")]
    private static partial Regex Word();
}

/// <summary>One sentence competing for the answer: the hit it comes from (0-based), its place in the hit, its text.</summary>
public sealed record AnswerSentence(int HitIndex, int Position, string Text);
