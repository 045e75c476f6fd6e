using ChatSphere.Grains.Ai;
using ChatSphere.Grains.Knowledge;
using Microsoft.Extensions.AI;
using Xunit.Abstractions;

namespace ChatSphere.Grains.Tests.Knowledge;

/// <summary>
/// Which text should stand for a Q&amp;A pair in the index: the question alone, or question and answer together?
/// Measured as top-1 accuracy of paraphrased visitor questions over <see cref="SampleFaq"/>; the text the knowledge
/// grain embeds (<see cref="QaEmbeddingText"/>) must do at least as well as the alternatives.
/// </summary>
public sealed class QaMatchingStrategyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_indexed_text_matches_paraphrases_at_least_as_well_as_the_alternatives()
    {
        using var generator = new MiniLmEmbeddingGenerator();
        var questionOnly = await AccuracyAsync(generator, p => p.Question);
        var questionAndAnswer = await AccuracyAsync(generator, p => p.Question + "\n" + p.Answer);
        var production = await AccuracyAsync(generator, p => QaEmbeddingText.Of(p.Question, p.Answer));
        output.WriteLine($"top-1 accuracy: question {questionOnly:P0}, question+answer {questionAndAnswer:P0}, indexed text {production:P0}");

        Assert.True(production >= Math.Max(questionOnly, questionAndAnswer),
            $"The indexed text scores {production:P0}; question alone {questionOnly:P0}, question and answer {questionAndAnswer:P0}.");
        Assert.True(production >= 0.85, $"Only {production:P0} of the paraphrases found their pair.");
    }

    private static async Task<double> AccuracyAsync(
        IEmbeddingGenerator<string, Embedding<float>> generator, Func<(string Question, string Answer), string> textOf)
    {
        var index = await generator.GenerateAsync(SampleFaq.Pairs.Select(textOf));
        var queries = await generator.GenerateAsync(SampleFaq.Paraphrases.Select(p => p.Query));
        var correct = 0;
        for (var q = 0; q < queries.Count; q++)
        {
            var best = Enumerable.Range(0, index.Count)
                .MaxBy(i => System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(queries[q].Vector.Span, index[i].Vector.Span));
            if (best == SampleFaq.Paraphrases[q].Expected)
            {
                correct++;
            }
        }

        return (double)correct / queries.Count;
    }
}
