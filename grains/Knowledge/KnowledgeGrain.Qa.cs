using ChatSphere.GrainInterfaces.Billing;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Billing;
using ChatSphere.Grains.Storage;

namespace ChatSphere.Grains.Knowledge;

/// <summary>Q&amp;A pairs: validated, embedded and indexed while the caller waits (no source job), counted against the plan.</summary>
public sealed partial class KnowledgeGrain
{
    public async Task<IReadOnlyList<KnowledgeSource>> ImportQaAsync(IReadOnlyList<QaPair> pairs)
    {
        var valid = QaSourceRules.ValidateImport(pairs);
        await EnsureRoomForQaAsync(valid.Count);
        var rows = new List<(KnowledgeSource Source, PageUpdate Indexed)>(valid.Count);
        var charge = KnowledgeQuota.ChargeOf(valid.Sum(p => KnowledgeQuota.CharactersOf(null, p.Question, p.Answer)), valid.Count);
        await ChargeAsync(charge, async () =>
        {
            var vectors = await EmbedAsync(valid.Select(p => QaEmbeddingText.Of(p.Question, p.Answer)).ToArray());
            for (var i = 0; i < valid.Count; i++)
            {
                rows.Add(QaIndexing.NewSource(BotId, valid[i].Question, valid[i].Answer, vectors[i], embedder.Space.Model, StoredNow()));
            }

            await store.InsertManyAsync(rows);
        });
        await _retriever.UpsertAsync(rows.SelectMany(r => Retrievable(r.Source.Id, r.Indexed, r.Source.Question)).ToArray());
        foreach (var (source, _) in rows)
        {
            Notify(source, deleted: false);
        }

        return rows.Select(r => r.Source).ToArray();
    }

    private async Task<KnowledgeSource> AddQaAsync(NewSource source)
    {
        var (question, answer) = QaSourceRules.Validate(source);
        await EnsureRoomForQaAsync(1);
        KnowledgeSource added = null!;
        PageUpdate indexed = null!;
        await ChargeAsync(KnowledgeQuota.ChargeOf(KnowledgeQuota.CharactersOf(null, question, answer)), async () =>
        {
            var vector = (await EmbedAsync([QaEmbeddingText.Of(question, answer)]))[0];
            (added, indexed) = QaIndexing.NewSource(BotId, question, answer, vector, embedder.Space.Model, StoredNow());
            await store.InsertAsync(added, indexed);
        });
        await _retriever.UpsertAsync(Retrievable(added.Id, indexed, question));
        Notify(added, deleted: false);
        return added;
    }

    private async Task<KnowledgeSource> ReindexQaAsync(KnowledgeSource source)
    {
        var question = source.Question ?? source.Title;
        var answer = source.Answer ?? "";
        var vector = (await EmbedAsync([QaEmbeddingText.Of(question, answer)]))[0];
        var now = StoredNow();
        var update = QaIndexing.PageOf(question, answer, vector, embedder.Space.Model, now) with
        {
            RemovedChunkIds = await chunks.ListChunkIdsAsync(BotId, source.Id, QaIndexing.PageKey),
        };
        if (!await ApplyPageAsync(source.Id, update, question))
        {
            // Deleted while it was being embedded.
            throw new NotFoundException("Source", source.Id);
        }

        return await ReportAsync(source.Id, QaIndexing.Indexed(question, answer, now)) ?? throw new NotFoundException("Source", source.Id);
    }

    private async Task EnsureRoomForQaAsync(int adding)
    {
        if (await store.CountAsync(BotId, SourceType.Qa) + adding > QaSourceRules.MaxQaSourcesPerBot)
        {
            throw new ConflictException($"A chatbot can have at most {QaSourceRules.MaxQaSourcesPerBot} Q&A sources; delete some before adding more.");
        }
    }
}
