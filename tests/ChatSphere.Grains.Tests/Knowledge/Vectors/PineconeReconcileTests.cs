using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Knowledge.Vectors;
using ChatSphere.Grains.Tests.Retrieval;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.Grains.Tests.Knowledge.Vectors;

/// <summary>Knowledge grains over Pinecone (the loopback data plane): a restart reconciles each bot's namespace instead of rebuilding it.</summary>
public sealed class PineconeReconcileTests
{
    [Fact]
    public async Task A_restart_sends_nothing_for_an_untouched_namespace_and_only_the_difference_for_a_damaged_one()
    {
        await using var pinecone = new LoopbackPinecone();
        using var data = new TestSqlite();
        var settings = new Dictionary<string, string?>
        {
            ["ChatSphere:Vectors:Provider"] = "pinecone",
            ["ChatSphere:Vectors:Pinecone:IndexHost"] = pinecone.Host.AbsoluteUri,
            ["ChatSphere:Vectors:Pinecone:ApiKey"] = LoopbackPinecone.ApiKey,
        };
        var (untouched, damaged) = (Ids.New("bot"), Ids.New("bot"));
        var first = await ClusterFixture.StartClusterAsync(data.Folder, settings);
        await using (first)
        {
            foreach (var botId in new[] { untouched, damaged })
            {
                foreach (var (question, answer) in SampleFaq.Pairs.Take(3))
                {
                    await first.Client.GetGrain<IKnowledgeGrain>(botId).AddSourceAsync(new NewSource { Type = SourceType.Qa, Question = question, Answer = answer });
                }
            }

            // A vector the table never committed, and one it did that the index lost.
            var store = first.Silos[0].ServiceProvider.GetRequiredService<IVectorStore>();
            var probe = new float[384];
            probe[0] = 1;
            var lost = (await store.QueryAsync(damaged, new VectorQuery(probe, 1))).Single().Id;
            await store.DeleteAsync(damaged, [lost]);
            await store.UpsertAsync(damaged, [new VectorRecord("chk_ghost", probe, "src_rolled_back")]);
            await first.StopAllSilosAsync();
        }

        pinecone.Requests.Clear();
        await using var second = await ClusterFixture.StartClusterAsync(data.Folder, settings);

        Assert.Equal(3, await second.Client.GetGrain<IKnowledgeGrain>(untouched).CountIndexedAsync());
        Assert.DoesNotContain(pinecone.Requests, r => r.Path is "/vectors/upsert" or "/vectors/delete");
        Assert.Contains(pinecone.Requests, r => r.Path == "/vectors/list");

        var knowledge = second.Client.GetGrain<IKnowledgeGrain>(damaged);
        Assert.Equal(3, await knowledge.CountIndexedAsync());
        var upserted = pinecone.Requests.Where(r => r.Path == "/vectors/upsert").SelectMany(r => r.Body["vectors"]!.AsArray()).ToArray();
        var deleted = pinecone.Requests.Where(r => r.Path == "/vectors/delete").SelectMany(r => r.Body["ids"]!.AsArray()).ToArray();
        Assert.Single(upserted);
        Assert.Equal("chk_ghost", Assert.Single(deleted)!.GetValue<string>());
        Assert.Equal(3, (await second.Silos[0].ServiceProvider.GetRequiredService<IVectorStore>().GetStatsAsync(damaged)).Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(SampleFaq.Pairs[i].Answer, (await knowledge.SearchAsync(SampleFaq.Pairs[i].Question, 1))[0].Text);
        }
    }
}
