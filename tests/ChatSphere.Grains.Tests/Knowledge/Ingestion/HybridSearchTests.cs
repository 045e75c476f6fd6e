using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Knowledge.Search;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.Grains.Tests.Knowledge.Ingestion;

/// <summary>Ingested chunks are searched by keywords and meaning together (the hybrid retriever behind the knowledge grain).</summary>
[Collection(IngestionCollection.Name)]
public sealed class HybridSearchTests(IngestionClusterFixture fixture)
{
    [Fact]
    public async Task An_exact_part_number_finds_its_chunk_and_a_paraphrase_finds_its_meaning()
    {
        Assert.IsType<HybridKnowledgeRetrieverFactory>(fixture.SiloServices.GetRequiredService<IKnowledgeRetrieverFactory>());
        var (_, knowledge) = await fixture.NewBotAsync();
        string[] parts = ["QX9-77B", "ZT4-10K", "MV2-58R", "LP7-31D"];
        var text = string.Join("\n\n", parts.Select((part, i) =>
            $"# Part {part}\n\nReplacement filter {part} fits the model {i + 3} series and ships within {i + 2} days."));
        text += "\n\n# Returns\n\nYou may send any unused item back within thirty days for a full refund.";
        var added = await knowledge.AddSourceAsync(new NewSource { Type = SourceType.Text, Title = "Catalogue", Text = text });
        Assert.Equal(SourceStatus.Indexed, (await knowledge.SettledAsync(added.Id)).Status);

        foreach (var part in parts)
        {
            var hits = await knowledge.SearchAsync(part, 3);
            Assert.Contains(part, hits[0].Text, StringComparison.Ordinal);
        }

        var meaning = await knowledge.SearchAsync("Can I get my money back if I return something?", 3);
        Assert.Contains("full refund", meaning[0].Text, StringComparison.Ordinal);
    }
}
