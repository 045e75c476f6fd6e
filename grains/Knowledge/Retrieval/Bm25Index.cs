using System.Buffers;

namespace ChatSphere.Grains.Knowledge.Retrieval;

/// <summary>
/// An in-memory Okapi BM25 keyword index over documents given as analysed terms (<see cref="TextAnalyzer"/>).
/// Postings are appended as documents arrive; a removed document is skipped until a compaction drops it. Not
/// thread-safe: <see cref="HybridRetriever"/> serialises writers against readers.
/// </summary>
public sealed class Bm25Index(double k1 = 0.9, double b = 0.4)
{
    private readonly Dictionary<string, int> _termIds = new(StringComparer.Ordinal);
    private readonly List<Postings> _postings = [];
    private readonly Dictionary<string, int> _docIndex = new(StringComparer.Ordinal);
    private readonly List<string> _docIds = [];
    private readonly List<int> _docLengths = [];
    private readonly List<int[]?> _docTerms = [];
    private long _totalLength;
    private int _removed;

    // Each document's BM25 length normalisation, k1 * (1 - b + b * length / average), or -1 once removed; worked
    // out again on the first search after a change. Searches may run concurrently: each builds a whole array and
    // publishes it in one write, so a racing search at worst builds the same array twice.
    private float[]? _norms;

    public int Count => _docIndex.Count;

    /// <summary>Indexes a document under <paramref name="id"/>, replacing any earlier one.</summary>
    public void Add(string id, IReadOnlyList<string> terms)
    {
        Remove(id);
        var counts = new Dictionary<int, int>();
        foreach (var term in terms)
        {
            if (!_termIds.TryGetValue(term, out var termId))
            {
                termId = _postings.Count;
                _termIds.Add(term, termId);
                _postings.Add(new Postings());
            }

            counts[termId] = counts.GetValueOrDefault(termId) + 1;
        }

        _norms = null;
        var doc = _docIds.Count;
        _docIds.Add(id);
        _docLengths.Add(terms.Count);
        _docTerms.Add([.. counts.Keys]);
        _docIndex.Add(id, doc);
        _totalLength += terms.Count;
        foreach (var (termId, count) in counts)
        {
            _postings[termId].Add(doc, count);
        }
    }

    public bool Remove(string id)
    {
        if (!_docIndex.Remove(id, out var doc))
        {
            return false;
        }

        _norms = null;
        foreach (var termId in _docTerms[doc]!)
        {
            _postings[termId].Live--;
        }

        _docTerms[doc] = null;
        _totalLength -= _docLengths[doc];
        _removed++;
        if (_removed > 1024 && _removed > _docIds.Count / 2)
        {
            Compact();
        }

        return true;
    }

    /// <summary>Inverse document frequency of an analysed term (0 for a term no document has).</summary>
    public double Idf(string term)
    {
        if (!_termIds.TryGetValue(term, out var termId) || _postings[termId].Live == 0)
        {
            return 0;
        }

        var df = _postings[termId].Live;
        return Math.Log(1 + ((Count - df + 0.5) / (df + 0.5)));
    }

    /// <summary>The BM25 score of one document for the analysed query terms (0 when it is not indexed).</summary>
    public double Score(string id, IReadOnlyList<string> queryTerms)
    {
        if (!_docIndex.TryGetValue(id, out var doc) || queryTerms.Count == 0)
        {
            return 0;
        }

        var averageLength = (double)_totalLength / Count;
        var norm = k1 * (1 - b + (b * _docLengths[doc] / averageLength));
        var score = 0.0;
        foreach (var term in queryTerms)
        {
            if (_termIds.TryGetValue(term, out var termId) && _postings[termId].FrequencyOf(doc) is var tf and > 0)
            {
                score += Idf(term) * tf * (k1 + 1) / (tf + norm);
            }
        }

        return score;
    }

    /// <summary>True when the document holds the analysed term.</summary>
    public bool Contains(string id, string term) =>
        _docIndex.TryGetValue(id, out var doc) && _termIds.TryGetValue(term, out var termId) && _postings[termId].FrequencyOf(doc) > 0;

    /// <summary>The <paramref name="k"/> best documents for the analysed query terms, best first, with their BM25 scores.</summary>
    public IReadOnlyList<(string Id, double Score)> Search(IReadOnlyList<string> queryTerms, int k)
    {
        if (k <= 0 || Count == 0 || queryTerms.Count == 0)
        {
            return [];
        }

        var norms = _norms ?? (_norms = Norms());
        var saturation = (float)(k1 + 1);
        var scores = ArrayPool<float>.Shared.Rent(_docIds.Count);
        Array.Clear(scores, 0, _docIds.Count); // pooled arrays come back as their last user left them
        var touched = new List<int>();
        try
        {
            foreach (var group in queryTerms.GroupBy(t => t, StringComparer.Ordinal))
            {
                if (!_termIds.TryGetValue(group.Key, out var termId))
                {
                    continue;
                }

                var postings = _postings[termId];
                if (postings.Live == 0)
                {
                    continue;
                }

                var weight = (float)(Idf(group.Key) * group.Count());
                for (var i = 0; i < postings.Count; i++)
                {
                    var doc = postings.Docs[i];
                    var norm = norms[doc];
                    if (norm < 0)
                    {
                        continue;
                    }

                    float tf = postings.Frequencies[i];
                    var score = weight * tf * saturation / (tf + norm);
                    if (scores[doc] == 0)
                    {
                        touched.Add(doc);
                    }

                    scores[doc] += score;
                }
            }

            var best = new PriorityQueue<int, float>(k + 1);
            foreach (var doc in touched)
            {
                var score = scores[doc];
                if (best.Count < k)
                {
                    best.Enqueue(doc, score);
                }
                else if (best.TryPeek(out _, out var weakest) && score > weakest)
                {
                    best.DequeueEnqueue(doc, score);
                }
            }

            var results = new (string Id, double Score)[best.Count];
            for (var i = results.Length - 1; i >= 0; i--)
            {
                best.TryDequeue(out var doc, out var score);
                results[i] = (_docIds[doc], score);
            }

            return results;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scores);
        }
    }

    private float[] Norms()
    {
        var norms = new float[_docIds.Count];
        var average = Count > 0 ? (double)_totalLength / Count : 1;
        for (var doc = 0; doc < norms.Length; doc++)
        {
            norms[doc] = _docTerms[doc] is null ? -1 : (float)(k1 * (1 - b + (b * _docLengths[doc] / average)));
        }

        return norms;
    }

    /// <summary>Rebuilds the postings without removed documents, so they stop costing memory and search time.</summary>
    private void Compact()
    {
        var live = _docIndex.OrderBy(d => d.Value).Select(d => d.Key).ToArray();
        var terms = _termIds.ToDictionary(t => t.Value, t => t.Key);
        var documents = live.Select(id =>
        {
            var doc = _docIndex[id];
            var termIds = _docTerms[doc]!;
            return (id, termIds.Select(t => (terms[t], _postings[t].FrequencyOf(doc))).ToArray(), _docLengths[doc]);
        }).ToArray();

        _norms = null;
        _termIds.Clear();
        _postings.Clear();
        _docIndex.Clear();
        _docIds.Clear();
        _docLengths.Clear();
        _docTerms.Clear();
        _totalLength = 0;
        _removed = 0;
        foreach (var (id, termCounts, length) in documents)
        {
            var doc = _docIds.Count;
            _docIds.Add(id);
            _docLengths.Add(length);
            _docIndex.Add(id, doc);
            _totalLength += length;
            var termIds = new int[termCounts.Length];
            for (var i = 0; i < termCounts.Length; i++)
            {
                var (term, count) = termCounts[i];
                if (!_termIds.TryGetValue(term, out var termId))
                {
                    termId = _postings.Count;
                    _termIds.Add(term, termId);
                    _postings.Add(new Postings());
                }

                _postings[termId].Add(doc, count);
                termIds[i] = termId;
            }

            _docTerms.Add(termIds);
        }
    }

    /// <summary>The documents holding one term, in the order they were added, with the term's count in each.</summary>
    private sealed class Postings
    {
        public int[] Docs = new int[2];
        public int[] Frequencies = new int[2];
        public int Count;

        /// <summary>Documents not removed (the document frequency).</summary>
        public int Live;

        public void Add(int doc, int frequency)
        {
            if (Count == Docs.Length)
            {
                Array.Resize(ref Docs, Count * 2);
                Array.Resize(ref Frequencies, Count * 2);
            }

            Docs[Count] = doc;
            Frequencies[Count] = frequency;
            Count++;
            Live++;
        }

        public int FrequencyOf(int doc)
        {
            var i = Array.BinarySearch(Docs, 0, Count, doc);
            return i >= 0 ? Frequencies[i] : 0;
        }
    }
}
