using ChatSphere.Grains.Ai;
using Microsoft.Extensions.AI;

namespace ChatSphere.Grains.Tests.Ai;

public sealed class SentenceEmbeddingCacheTests
{
    [Fact]
    public async Task A_text_seen_before_gets_its_stored_embedding_and_new_texts_are_embedded_exactly()
    {
        var model = new MiniLmEmbeddingGenerator();
        using var cache = new SentenceEmbeddingCache(model);

        var first = await cache.GenerateAsync(["Parking is free.", "The shop opens at nine."]);
        var second = await cache.GenerateAsync(["The shop opens at nine.", "Gift cards never expire.", "Parking is free."]);
        var direct = await model.GenerateAsync(["Gift cards never expire."]);

        // The same instances come back for texts already embedded, in the order asked.
        Assert.Same(first[1], second[0]);
        Assert.Same(first[0], second[2]);
        Assert.Equal(direct[0].Vector.ToArray(), second[1].Vector.ToArray());
        Assert.NotEqual(first[0].Vector.ToArray(), first[1].Vector.ToArray());
    }
}
