using ChatSphere.Grains.Ai;
using Microsoft.Extensions.AI;

namespace ChatSphere.Grains.Tests.Ai;

public sealed class InstantChatClientTests
{
    [Theory]
    [InlineData(50)]
    [InlineData(7)]
    [InlineData(1)]
    public async Task It_streams_exactly_the_configured_number_of_tokens(int tokenCount)
    {
        var client = new InstantChatClient(tokenCount);
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "hi")]))
        {
            updates.Add(update);
        }

        Assert.Equal(tokenCount, updates.Count);
        Assert.Equal($"word{tokenCount}", updates[^1].Text);
        Assert.All(updates.SkipLast(1), u => Assert.EndsWith(" ", u.Text));
        var whole = string.Concat(updates.Select(u => u.Text));
        Assert.Equal(string.Join(' ', Enumerable.Range(1, tokenCount).Select(i => $"word{i}")), whole);
        Assert.Equal(whole, (await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")])).Text);
        Assert.All(updates, u => Assert.Equal("instant", u.ModelId));
    }

    [Fact]
    public void A_reply_needs_at_least_one_token()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new InstantChatClient(0));
    }
}
