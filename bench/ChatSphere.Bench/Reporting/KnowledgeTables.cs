namespace ChatSphere.Bench.Reporting;

/// <summary>The knowledge benchmarks' figures as tables: SQuAD quality per question set, and ingestion and retrieval speed.</summary>
public sealed class KnowledgeTables(Func<string, double?> value)
{
    public IEnumerable<Table> All()
    {
        var quality = Quality();
        if (!quality.IsEmpty)
        {
            yield return quality;
        }

        var speed = Speed();
        if (!speed.IsEmpty)
        {
            yield return speed;
        }
    }

    private Table Quality()
    {
        var table = new Table("Knowledge quality: SQuAD v1.1 dev through the product's ingestion and search", "", "tune (1,000)", "held-out (1,000)");
        void Row(string label, string metric, string unit)
        {
            var tune = value($"squad.tune.{metric}");
            var heldout = value($"squad.heldout.{metric}");
            if (tune is not null || heldout is not null)
            {
                table.Add(label, Figures.Format(tune, unit), Figures.Format(heldout, unit));
            }
        }

        Row("gold paragraph in the top 1", "hit_at_1", "share");
        Row("gold paragraph in the top 5", "hit_at_5", "share");
        Row("an answer span whole in the top 5 (strict)", "hit_at_5_strict", "share");
        Row("gold paragraph in the top 10", "hit_at_10", "share");
        Row("MRR of the gold paragraph", "mrr", "share");
        Row("chat API reply (≤ 40 words) contains a gold answer", "answer_contains_gold", "share");
        Row("replies that are the bot's fallback message", "fallback_rate", "share");
        Row("mean reply length (words)", "answer_words_mean", "words");
        return table;
    }

    private Table Speed()
    {
        var table = new Table("Ingestion and retrieval speed", "", "measured");
        void Row(string label, string key, string unit)
        {
            if (value(key) is { } measured)
            {
                table.Add(label, Figures.Format(measured, unit));
            }
        }

        Row("ingestion end to end, SQuAD articles as text sources (chunks/s)", "ingest.chunks_per_s", "chunks/s");
        Row("the bare encoder on the same chunk texts (chunks/s)", "ingest.encoder_chunks_per_s", "chunks/s");
        Row("end to end / encoder", "ingest.ratio_to_encoder", "ratio");
        Row("hybrid search over 100k chunks, p50 (ms)", "retrieval.p50_ms_100k", "ms");
        Row("hybrid search over 100k chunks, p99 (ms)", "retrieval.p99_ms_100k", "ms");
        Row("HNSW recall@10 against exact search", "retrieval.recall_at_10", "share");
        Row("memory per indexed chunk (bytes, RSS growth)", "retrieval.bytes_per_chunk", "bytes");
        return table;
    }
}
