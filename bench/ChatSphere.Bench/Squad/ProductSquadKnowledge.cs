using System.Diagnostics;
using System.Globalization;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.Grains.Ai;

namespace ChatSphere.Bench.Squad;

/// <summary>
/// The SQuAD articles as one bot's knowledge, built by the product: each article is added as a text source (its
/// title, and its paragraphs joined by blank lines, so the structure-following chunker sees paragraphs) through the
/// REST API, the ingestion pipeline chunks, embeds and indexes it, questions are searched with the product's search
/// and asked of the bot through its chat API. A returned chunk is placed in its article with <see cref="ArticleOffsets"/>.
/// </summary>
public sealed class ProductSquadKnowledge
{
    private const int ConcurrentSearches = 2;

    /// <summary>Questions in flight at once: enough to keep the server's two cores busy, few enough that the run measures answers, not queueing.</summary>
    private const int ConcurrentQuestions = 4;
    private static readonly TimeSpan IngestTimeout = TimeSpan.FromMinutes(30);

    private readonly ProductBot _bot;
    private readonly IReadOnlyDictionary<string, (string DocId, ArticleOffsets Offsets)> _articles;
    private int _unlocated;

    private ProductSquadKnowledge(ProductBot bot, IReadOnlyDictionary<string, (string, ArticleOffsets)> articles, IReadOnlyList<SourceRow> sources, TimeSpan ingestion)
    {
        _bot = bot;
        _articles = articles;
        Chunks = sources.Sum(s => s.Chunks);
        Characters = sources.Sum(s => (long)s.Characters);
        Ingestion = ingestion;
    }

    /// <summary>Chunks the product cut the articles into.</summary>
    public int Chunks { get; }

    public long Characters { get; }

    /// <summary>From the first source added to the last one indexed.</summary>
    public TimeSpan Ingestion { get; }

    /// <summary>Hits whose text the bench could not find in its article (none is expected; each counts as a miss).</summary>
    public int Unlocated => _unlocated;

    public static async Task<ProductSquadKnowledge> IngestAsync(
        ProductServer server, IReadOnlyList<SquadDocument> documents, int chunkTokens, int overlapTokens, CancellationToken cancellationToken)
    {
        var bot = await server.CreateBotAsync("SQuAD bench", chunkTokens, overlapTokens, cancellationToken);
        var watch = Stopwatch.StartNew();
        var sourceIds = new List<string>(documents.Count);
        foreach (var document in documents)
        {
            sourceIds.Add(await bot.AddTextAsync(document.Title, document.Text, cancellationToken));
        }

        // Polled in the order added, which is the order the jobs start in.
        await bot.WaitIndexedAsync(sourceIds, IngestTimeout, cancellationToken);
        var ingestion = watch.Elapsed;
        var sources = await bot.IndexedSourcesAsync(sourceIds, cancellationToken);
        var sourceDocuments = sourceIds.Zip(documents).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        var articles = sourceDocuments.ToDictionary(p => p.Key, p => (p.Value.DocId, new ArticleOffsets(p.Value)), StringComparer.Ordinal);
        return new ProductSquadKnowledge(bot, articles, sources, ingestion);
    }

    /// <summary>The product's top <see cref="SquadEvaluation.RankDepth"/> hits for each question, with their gold-paragraph ranks.</summary>
    public async Task<IReadOnlyList<SquadRetrieval>> RetrieveAsync(IReadOnlyList<SquadQuestion> questions, CancellationToken cancellationToken)
    {
        var results = new SquadRetrieval[questions.Count];
        await Parallel.ForAsync(0, questions.Count, new ParallelOptions { MaxDegreeOfParallelism = ConcurrentSearches, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var question = questions[i];
            var hits = await _bot.SearchAsync(question.Question, SquadEvaluation.RankDepth, ct);
            var ranked = hits.Select(Locate).ToArray();
            // The search API does not expose the knowledge's term weights: the answerer weighs words within the hits.
            results[i] = new SquadRetrieval(question, hits, null, SquadScore.FirstHit(ranked, question), SquadScore.FirstHit(ranked, question, strict: true));
        });
        return results;
    }

    /// <summary>
    /// Each question asked of the bot through the chat API (<see cref="ProductBot.AskAsync"/>), each in a conversation of
    /// its own so no history or memory reaches another question's answer; <see cref="ConcurrentQuestions"/> at a time.
    /// The bot must answer with the product's defaults: the embedded answerer, at most <see cref="SquadBench.AnswerWords"/>
    /// words, on a plan without a message quota (the embedded shape's).
    /// </summary>
    public async Task<IReadOnlyList<SquadReply>> AskAsync(IReadOnlyList<SquadQuestion> questions, CancellationToken cancellationToken)
    {
        var defaults = new AnswerSettings();
        var bot = await _bot.GetAsync(cancellationToken);
        if (defaults.MaxAnswerWords != SquadBench.AnswerWords || bot.Answer.MaxAnswerWords != defaults.MaxAnswerWords || bot.Answer.Model != defaults.Model
            || bot.Answer.Model != EmbeddedAnswerer.ModelId || bot.Answer.MinScore != defaults.MinScore)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"The bot answers with {bot.Answer.Model} (min score {bot.Answer.MinScore}) in at most {bot.Answer.MaxAnswerWords} words; the bench measures the product's defaults ({defaults.Model}, {defaults.MinScore}, {defaults.MaxAnswerWords} words), with {SquadBench.AnswerWords} words."));
        }

        var plan = await _bot.PlanAsync(bot.WorkspaceId, cancellationToken);
        if (plan.Limits.MessagesPerMonth is { } quota)
        {
            throw new InvalidOperationException($"The bench's workspace is on the {plan.Plan} plan ({quota} messages a month): its quota would stop the run.");
        }

        var replies = new SquadReply[questions.Count];
        await Parallel.ForAsync(0, questions.Count, new ParallelOptions { MaxDegreeOfParallelism = ConcurrentQuestions, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var reply = await _bot.AskAsync(questions[i].Question, ct);
            if (reply.Status != "complete")
            {
                throw new InvalidOperationException($"The reply to \"{questions[i].Question}\" ended {reply.Status}: {reply.Text}");
            }

            replies[i] = new SquadReply(reply.Text, IsFallback: string.Equals(reply.Text.Trim(), bot.FallbackMessage.Trim(), StringComparison.Ordinal));
        });
        return replies;
    }

    private ArticleSpan? Locate(GrainInterfaces.Knowledge.KnowledgeHit hit)
    {
        if (_articles.TryGetValue(hit.SourceId, out var article) && article.Offsets.Locate(hit.Text) is { } range)
        {
            return new ArticleSpan(article.DocId, range.Start, range.End);
        }

        Interlocked.Increment(ref _unlocated);
        return null;
    }
}
