using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Knowledge;

namespace ChatSphere.Grains.Tests.Knowledge;

/// <summary>Knowledge lives in the database: a new cluster on the same data folder lists and searches it.</summary>
public sealed class KnowledgeRestartTests
{
    [Fact]
    public async Task Sources_and_search_survive_a_silo_restart()
    {
        using var data = new TestSqlite();
        var botId = Ids.New("bot");
        var added = new List<KnowledgeSource>();

        var first = await ClusterFixture.StartClusterAsync(data.Folder);
        await using (first)
        {
            var knowledge = first.Client.GetGrain<IKnowledgeGrain>(botId);
            foreach (var (question, answer) in SampleFaq.Pairs.Take(4))
            {
                added.Add(await knowledge.AddSourceAsync(new NewSource { Type = SourceType.Qa, Question = question, Answer = answer }));
            }

            await first.StopAllSilosAsync();
        }

        var second = await ClusterFixture.StartClusterAsync(data.Folder);
        await using (second)
        {
            var knowledge = second.Client.GetGrain<IKnowledgeGrain>(botId);

            var listed = await knowledge.ListSourcesAsync(null, 10);
            var hits = await knowledge.SearchAsync("Do you send orders abroad?", 2);

            Assert.Equal(added.Select(s => s.Id).Order(), listed.Items.Select(s => s.Id).Order());
            Assert.Equal(added[2], await knowledge.GetSourceAsync(added[2].Id));
            Assert.Equal(added[3].Id, hits[0].SourceId);
            Assert.Equal(SampleFaq.Pairs[3].Answer, hits[0].Text);
            // The index rebuilt from the chunk table still knows which chunks are Q&A pairs and their questions.
            var exact = await knowledge.SearchAsync(SampleFaq.Pairs[1].Question, 2);
            Assert.True(exact[0].Curated);
            Assert.Equal((added[1].Id, SampleFaq.Pairs[1].Question), (exact[0].SourceId, exact[0].Question));
        }
    }
}
