using ChatSphere.GrainInterfaces.Conversations;
using System.Security.Cryptography;
using ChatSphere.Grains.Ai;
using ChatSphere.Grains.Ai.Credentials;
using ChatSphere.Grains.Conversations;
using ChatSphere.Grains.Privacy;
using Microsoft.Extensions.Options;

namespace ChatSphere.Grains.Tests.Conversations;

/// <summary>The visitor tables on both providers.</summary>
public sealed class VisitorStoreDatabases : IAsyncLifetime
{
    private readonly MigratedDatabases _databases = new();

    /// <summary>Visitor details are sealed under a fresh deployment key, as a silo would seal them.</summary>
    private readonly PersonalDataProtector _protector = new(new SecretProtector(
        Options.Create(new AiOptions { SecretsKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }),
        Options.Create(new AiDataPath())));

    public VisitorStore this[string provider] => new(_databases[provider], _protector);

    public Task InitializeAsync() => _databases.CreateAsync();

    public async Task DisposeAsync() => await _databases.DisposeAsync();
}

/// <summary>Ratings and visitor profiles read back as written, on SQLite and on PostgreSQL.</summary>
public sealed class VisitorStoreTests(VisitorStoreDatabases databases) : IClassFixture<VisitorStoreDatabases>
{
    public static TheoryData<string> Providers() => new(MigratedDatabases.Providers);

    [Theory, MemberData(nameof(Providers))]
    public async Task Ratings_are_set_replaced_cleared_and_read_by_seq_range(string provider)
    {
        var store = databases[provider];
        var conversation = $"conv_{Guid.NewGuid():n}";
        ConversationMessage Reply(long seq) => new() { Id = $"msg_{seq}", Seq = seq, Role = MessageRole.Assistant };

        await store.SetRatingAsync(conversation, Reply(2), MessageRating.Up);
        await store.SetRatingAsync(conversation, Reply(4), MessageRating.Up);
        await store.SetRatingAsync(conversation, Reply(4), MessageRating.Down);
        await store.SetRatingAsync(conversation, Reply(6), MessageRating.Up);
        await store.SetRatingAsync(conversation, Reply(6), null);
        await store.SetRatingAsync($"conv_{Guid.NewGuid():n}", Reply(2), MessageRating.Down);

        var ratings = await store.ReadRatingsAsync(conversation, 1, 6);
        Assert.Equal(new Dictionary<long, MessageRating> { [2] = MessageRating.Up, [4] = MessageRating.Down }, ratings);
        Assert.Equal([4L], (await store.ReadRatingsAsync(conversation, 3, 5)).Keys);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task A_profile_reads_back_as_written_and_is_replaced_whole(string provider)
    {
        var store = databases[provider];
        var conversation = $"conv_{Guid.NewGuid():n}";
        Assert.Null(await store.GetProfileAsync(conversation));

        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_780_000_000_000);
        await store.SaveProfileAsync(conversation, new VisitorProfile
        {
            Lead = new Dictionary<string, string> { ["name"] = "Ada", ["email"] = "ada@example.com" },
            Email = "ada@example.com",
            UpdatedAt = at,
        });
        var lead = await store.GetProfileAsync(conversation);
        Assert.NotNull(lead);
        Assert.False(lead.Verified);
        Assert.Equal("Ada", lead.Lead["name"]);
        Assert.Equal(at, lead.UpdatedAt);

        await store.SaveProfileAsync(conversation, lead with { UserId = "u-1", Name = "Ada L.", Verified = true, UpdatedAt = at.AddSeconds(1) });
        var verified = await store.GetProfileAsync(conversation);
        Assert.Equal("u-1", verified!.UserId);
        Assert.True(verified.Verified);
        Assert.Equal("ada@example.com", verified.Lead["email"]);
    }
}
