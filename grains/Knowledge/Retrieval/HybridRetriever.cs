// Over 300 lines: one search algorithm (keyword index, fusion, curated match, MMR) under one lock; split, its invariants would span files.
using System.Numerics.Tensors;
using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Knowledge.Vectors;

namespace ChatSphere.Grains.Knowledge.Retrieval;

/// <summary>
/// Hybrid search over one chatbot's chunks: a BM25 keyword index kept here in memory and the bot's namespace in an
/// <see cref="IVectorStore"/>, fused by weighted scores or reciprocal rank, cut by a score threshold and optionally
/// diversified by maximal marginal relevance. A Q&amp;A pair whose question matches the query closely wins outright
/// as a curated answer. Chunk text and metadata come from the chunk table; this class only indexes them.
/// Thread-safe: searches run concurrently, index changes one at a time.
/// </summary>
public sealed class HybridRetriever(IVectorStore vectors, string botId, double k1 = 0.9, double b = 0.4)
{
    private readonly Bm25Index _keywords = new(k1, b);
    private readonly Dictionary<string, RetrievalChunk> _chunks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int[]> _sentences = new(StringComparer.Ordinal);
    private readonly SentenceTerms _sentenceTerms = new();
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);

    public string BotId { get; } = botId;

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _chunks.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <summary>Indexes chunks for keyword search and upserts their embeddings into the vector store.</summary>
    public async Task IndexAsync(IReadOnlyList<RetrievalChunk> chunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var records = chunks.Where(c => c.Embedding is not null)
            .Select(c => new VectorRecord(c.Id, c.Embedding!, c.SourceId, c.Version))
            .ToArray();
        if (records.Length > 0)
        {
            await vectors.UpsertAsync(BotId, records, cancellationToken);
        }

        AddKeywords(chunks);
    }

    /// <summary>
    /// Indexes chunks for keyword search only: on activation, when their embeddings are already in the vector store
    /// (reconciled by <see cref="EmbeddedVectorStore.ReconcileAsync"/>, or durable in Pinecone).
    /// </summary>
    public void AddKeywords(IEnumerable<RetrievalChunk> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        // Text analysis (the costly part) happens before the lock, so searches keep running meanwhile.
        var analysed = chunks.Select(c =>
        {
            var sentences = SentenceTerms.Analyse(c.Text);
            var terms = ContextTerms(c);
            terms.AddRange(sentences.SelectMany(s => s));
            return (Chunk: c with { Embedding = null }, Terms: terms, Sentences: sentences);
        }).ToArray();
        _lock.EnterWriteLock();
        try
        {
            foreach (var (chunk, terms, sentences) in analysed)
            {
                _chunks[chunk.Id] = chunk;
                _keywords.Add(chunk.Id, terms);
                _sentences[chunk.Id] = _sentenceTerms.Encode(sentences);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public async Task RemoveAsync(IReadOnlyCollection<string> chunkIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunkIds);
        Forget(chunkIds);
        await vectors.DeleteAsync(BotId, chunkIds, cancellationToken);
    }

    public async Task RemoveSourceAsync(string sourceId, CancellationToken cancellationToken = default)
    {
        string[] ids;
        _lock.EnterReadLock();
        try
        {
            ids = _chunks.Values.Where(c => c.SourceId == sourceId).Select(c => c.Id).ToArray();
        }
        finally
        {
            _lock.ExitReadLock();
        }

        Forget(ids);
        await vectors.DeleteBySourceAsync(BotId, sourceId, cancellationToken);
    }

    /// <summary>
    /// The best chunks for <paramref name="query"/>, best first. <paramref name="queryVector"/> is the query's
    /// embedding from the same model as the chunks' (null searches keywords only).
    /// </summary>
    public async Task<IReadOnlyList<RetrievalHit>> SearchAsync(string query, float[]? queryVector, RetrievalOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(options);
        if (options.TopK <= 0)
        {
            return [];
        }

        var pool = Math.Max(options.CandidatePool, options.TopK);
        var dense = queryVector is null
            ? []
            : await vectors.QueryAsync(BotId, new VectorQuery(queryVector, pool, IncludeVectors: options.MmrLambda < 1), cancellationToken);
        var terms = TextAnalyzer.Terms(query);

        _lock.EnterReadLock();
        try
        {
            var candidates = Candidates(terms, dense, pool);
            if (candidates.Count == 0)
            {
                return [];
            }

            Fuse(candidates, options);
            var ranked = candidates.OrderByDescending(c => c.Rank).ToList();
            var curated = CuratedAnswer(ranked, options);
            var kept = ranked.Where(c => c.Score >= options.MinScore && c != curated).ToList();
            var chosen = options.MmrLambda < 1 ? Diversify(kept, options) : kept;
            var hits = new List<RetrievalHit>(options.TopK);
            if (curated is not null)
            {
                hits.Add(curated.ToHit(curated: true));
            }

            hits.AddRange(chosen.Take(options.TopK - hits.Count).Select(c => c.ToHit(curated: false)));
            return hits;
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>How much each analysed word of the query tells apart chunks of this bot (BM25 inverse document frequency).</summary>
    public IReadOnlyDictionary<string, double> TermWeights(string query)
    {
        _lock.EnterReadLock();
        try
        {
            return TextAnalyzer.Terms(query).Distinct(StringComparer.Ordinal).ToDictionary(t => t, _keywords.Idf, StringComparer.Ordinal);
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private List<Candidate> Candidates(List<string> terms, IReadOnlyList<VectorMatch> dense, int pool)
    {
        var byId = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        var keyword = _keywords.Search(terms, pool);
        for (var i = 0; i < keyword.Count; i++)
        {
            if (_chunks.TryGetValue(keyword[i].Id, out var chunk))
            {
                byId[chunk.Id] = new Candidate(chunk) { Keyword = keyword[i].Score, KeywordRank = i + 1 };
            }
        }

        for (var i = 0; i < dense.Count; i++)
        {
            if (!_chunks.TryGetValue(dense[i].Id, out var chunk))
            {
                continue; // in the vector store but not yet (or no longer) in the chunk table
            }

            if (!byId.TryGetValue(chunk.Id, out var candidate))
            {
                byId[chunk.Id] = candidate = new Candidate(chunk) { Keyword = _keywords.Score(chunk.Id, terms) };
            }

            candidate.Similarity = dense[i].Score;
            candidate.SimilarityRank = i + 1;
            candidate.Vector = dense[i].Vector;
        }

        var weights = terms.Distinct(StringComparer.Ordinal).ToDictionary(t => t, _keywords.Idf, StringComparer.Ordinal);
        var totalWeight = weights.Values.Sum();
        var (numbered, numberedTotal) = _sentenceTerms.Query(weights);
        foreach (var candidate in byId.Values)
        {
            candidate.Coverage = totalWeight > 0
                ? weights.Where(t => _keywords.Contains(candidate.Chunk.Id, t.Key)).Sum(t => t.Value) / totalWeight
                : 0;
            candidate.SentenceCoverage = SentenceTerms.BestCoverage(_sentences[candidate.Chunk.Id], numbered, numberedTotal);
        }

        return [.. byId.Values];
    }

    private static void Fuse(List<Candidate> candidates, RetrievalOptions options)
    {
        var bestKeyword = candidates.Max(c => c.Keyword);
        // A chunk outside the nearest vectors is at most as similar as the last one returned.
        var floor = candidates.Where(c => c.Similarity is not null).Select(c => c.Similarity!.Value).DefaultIfEmpty(0).Min();
        var w = options.VectorWeight;
        foreach (var candidate in candidates)
        {
            var similarity = candidate.Similarity ?? floor;
            candidate.Score = Math.Clamp((w * similarity) + ((1 - w) * candidate.Coverage), 0, 1);
            candidate.Rank = options.Fusion switch
            {
                FusionMethod.ReciprocalRank =>
                    (candidate.KeywordRank > 0 ? 1.0 / (options.RrfK + candidate.KeywordRank) : 0) +
                    (candidate.SimilarityRank > 0 ? 1.0 / (options.RrfK + candidate.SimilarityRank) : 0),
                _ => (w * similarity) + ((1 - w) * (bestKeyword > 0 ? candidate.Keyword / bestKeyword : 0)) + (options.SentenceWeight * candidate.SentenceCoverage),
            };
        }

        if (options.SourceWeight > 0 && options.Fusion == FusionMethod.Weighted)
        {
            // Each chunk gains from the best other candidate of its own source: a source with several good
            // passages is more likely the one the question is about than a single stray match elsewhere.
            var bySource = candidates.GroupBy(c => c.Chunk.SourceId).ToDictionary(g => g.Key, g => g.Select(c => c.Rank).OrderDescending().Take(2).ToArray());
            foreach (var candidate in candidates)
            {
                var top = bySource[candidate.Chunk.SourceId];
                var sibling = top.Length < 2 ? 0 : top[0] == candidate.Rank ? top[1] : top[0];
                candidate.Rank += options.SourceWeight * sibling;
            }
        }
    }

    private static Candidate? CuratedAnswer(List<Candidate> ranked, RetrievalOptions options) =>
        ranked.Where(c => c.Chunk.Type == SourceType.Qa && c.Similarity >= options.CuratedMinSimilarity)
            .OrderByDescending(c => c.Similarity)
            .FirstOrDefault();

    /// <summary>
    /// Maximal marginal relevance: repeatedly takes the candidate with the best trade-off between its relevance and
    /// its likeness to those already taken (cosine of embeddings when both are known, keyword overlap otherwise).
    /// </summary>
    private static List<Candidate> Diversify(List<Candidate> ranked, RetrievalOptions options)
    {
        var chosen = new List<Candidate>(options.TopK);
        var left = new List<Candidate>(ranked);
        var best = ranked.Count > 0 ? ranked.Max(c => c.Rank) : 1;
        while (chosen.Count < options.TopK && left.Count > 0)
        {
            var pick = left.MaxBy(c => (options.MmrLambda * c.Rank / best) - ((1 - options.MmrLambda) * chosen.Select(s => Likeness(c, s)).DefaultIfEmpty(0).Max()))!;
            chosen.Add(pick);
            left.Remove(pick);
        }

        return chosen;
    }

    private static double Likeness(Candidate a, Candidate b)
    {
        if (a.Vector is { } x && b.Vector is { } y)
        {
            return TensorPrimitives.CosineSimilarity(x, y);
        }

        var shared = a.TermSet.Count(b.TermSet.Contains);
        var union = a.TermSet.Count + b.TermSet.Count - shared;
        return union == 0 ? 0 : (double)shared / union;
    }

    private void Forget(IEnumerable<string> chunkIds)
    {
        _lock.EnterWriteLock();
        try
        {
            foreach (var id in chunkIds)
            {
                _chunks.Remove(id);
                _keywords.Remove(id);
                _sentences.Remove(id);
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>The keyword side sees the title and heading too: a question often names the article it is about.</summary>
    private static List<string> KeywordTerms(RetrievalChunk chunk)
    {
        var terms = ContextTerms(chunk);
        terms.AddRange(TextAnalyzer.Terms(chunk.Text));
        return terms;
    }

    private static List<string> ContextTerms(RetrievalChunk chunk) =>
        TextAnalyzer.Terms(string.Join('\n', new[] { chunk.Title, chunk.HeadingPath, chunk.Question }.Where(t => !string.IsNullOrWhiteSpace(t))));

    private sealed class Candidate(RetrievalChunk chunk)
    {
        private HashSet<string>? _termSet;

        public RetrievalChunk Chunk { get; } = chunk;

        /// <summary>The chunk's analysed words, worked out only when diversity needs them.</summary>
        public HashSet<string> TermSet => _termSet ??= new HashSet<string>(KeywordTerms(Chunk), StringComparer.Ordinal);

        public double Keyword { get; init; }
        public int KeywordRank { get; init; }
        public double? Similarity { get; set; }
        public int SimilarityRank { get; set; }
        public float[]? Vector { get; set; }
        public double Coverage { get; set; }
        public double SentenceCoverage { get; set; }
        public double Score { get; set; }
        public double Rank { get; set; }

        /// <summary>A curated answer scores its question's similarity, so the answerer recognises it by score as well as by type.</summary>
        public RetrievalHit ToHit(bool curated) => new(Chunk, curated ? Math.Max(Score, Similarity ?? 0) : Score, Keyword, Similarity, curated);
    }
}
