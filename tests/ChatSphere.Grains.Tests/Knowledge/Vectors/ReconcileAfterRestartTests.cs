using ChatSphere.GrainInterfaces.Knowledge;

namespace ChatSphere.Grains.Tests.Knowledge.Vectors;

/// <summary>A restarted silo brings each bot's vector namespace in step with the chunk table, reusing what agrees with it.</summary>
public abstract class ReconcileAfterRestartTests(ReconcileAfterRestartFixture fixture)
{
    [Fact]
    public async Task An_untouched_namespace_is_reused_without_writing_a_vector()
    {
        var knowledge = fixture.Restarted.Client.GetGrain<IKnowledgeGrain>(fixture.Untouched.BotId);

        Assert.Equal(4, await knowledge.CountIndexedAsync());
        var hits = await knowledge.SearchAsync(SampleFaq.Pairs[3].Question, 1);

        Assert.Equal(fixture.Untouched.Sources[3].Id, hits[0].SourceId);
        // A rebuild (or any re-upsert) would have saved the namespace again.
        var manifest = fixture.ManifestOf(fixture.Untouched.BotId);
        Assert.Equal(fixture.UntouchedManifest.Written, File.GetLastWriteTimeUtc(manifest));
        Assert.Equal(fixture.UntouchedManifest.Bytes, await File.ReadAllBytesAsync(manifest));
        Assert.Equal(await fixture.TableChunksAsync(fixture.Untouched.BotId), await fixture.IndexedChunksAsync(fixture.Untouched.BotId));
    }

    [Fact]
    public async Task After_a_crash_the_vectors_are_exactly_the_tables_chunks()
    {
        var bot = fixture.Crashed;
        var knowledge = fixture.Restarted.Client.GetGrain<IKnowledgeGrain>(bot.BotId);

        Assert.Equal(4, await knowledge.CountIndexedAsync());
        var indexed = await fixture.IndexedChunksAsync(bot.BotId);

        Assert.DoesNotContain(fixture.Ghost, indexed);
        Assert.Equal(await fixture.TableChunksAsync(bot.BotId), indexed);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(bot.Sources[i].Id, (await knowledge.SearchAsync(SampleFaq.Pairs[i].Question, 1))[0].SourceId);
        }
    }

    [Fact]
    public async Task A_truncated_namespace_file_is_rebuilt_from_the_table()
    {
        var bot = fixture.Corrupt;
        var knowledge = fixture.Restarted.Client.GetGrain<IKnowledgeGrain>(bot.BotId);

        Assert.Equal(4, await knowledge.CountIndexedAsync());
        Assert.Equal(await fixture.TableChunksAsync(bot.BotId), await fixture.IndexedChunksAsync(bot.BotId));
        Assert.Equal(bot.Sources[2].Id, (await knowledge.SearchAsync(SampleFaq.Pairs[2].Question, 1))[0].SourceId);
        // Saved whole again.
        Assert.True(new FileInfo(fixture.ManifestOf(bot.BotId)).Length > 4 * 384 * sizeof(float));
    }
}

public sealed class SqliteReconcileAfterRestartTests(SqliteReconcileAfterRestartFixture fixture)
    : ReconcileAfterRestartTests(fixture), IClassFixture<SqliteReconcileAfterRestartFixture>;

public sealed class PostgresReconcileAfterRestartTests(PostgresReconcileAfterRestartFixture fixture)
    : ReconcileAfterRestartTests(fixture), IClassFixture<PostgresReconcileAfterRestartFixture>;
