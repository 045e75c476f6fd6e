using ChatSphere.GrainInterfaces.Conversations;
using Orleans.TestingHost;

namespace ChatSphere.Grains.Tests.Conversations;

/// <summary>A reply nobody reads any more is stopped (the visitor left), unless a reader comes back in time.</summary>
public sealed class AbandonedReplyTests : IAsyncLifetime
{
    private const int Words = 60;
    private readonly TestSqlite _data = new();
    private InProcessTestCluster _cluster = null!;

    private IGrainFactory Grains => _cluster.Client;

    public async Task InitializeAsync() => _cluster = await ClusterFixture.StartClusterAsync(_data.Folder, new Dictionary<string, string?>(SlowModelCluster.Paced(Words, 50))
    {
        ["ChatSphere:Ai:AbandonedReplyGraceSeconds"] = "0.3",
    });

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        _data.Dispose();
    }

    [Fact]
    public async Task A_reply_nobody_reads_is_cancelled_after_the_grace_and_stored_as_interrupted()
    {
        var (grain, _) = await Chats.StartAsync(Grains);
        using var recorder = new EventRecorder(Grains);
        var receipt = await grain.SendAsync(Chats.Message("Tell me everything"), recorder.Reference);
        await recorder.WaitForAsync(e => e.Seq == receipt.ReplySeq && e.Type == ChatEventType.Token);

        await grain.ReleaseWatchAsync(recorder.Reference);
        var done = await recorder.WaitForDoneAsync(receipt.ReplySeq);

        Assert.Equal(MessageStatus.Interrupted, done.Status);
        var stored = (await grain.GetMessagesAsync(0, 10)).Items.Single(m => m.Seq == receipt.ReplySeq);
        Assert.Equal(MessageStatus.Interrupted, stored.Status);
        Assert.True(stored.Text.Length < Chats.InstantReply(Words).Length, "the reply ran to its end although nobody read it");
    }

    [Fact]
    public async Task A_reader_that_comes_back_within_the_grace_keeps_the_reply_going()
    {
        var (grain, _) = await Chats.StartAsync(Grains);
        using var recorder = new EventRecorder(Grains);
        var receipt = await grain.SendAsync(Chats.Message("Tell me everything"), recorder.Reference);
        await recorder.WaitForAsync(e => e.Seq == receipt.ReplySeq && e.Type == ChatEventType.Token);

        await grain.ReleaseWatchAsync(recorder.Reference);
        await grain.ResumeAsync(receipt.ReplySeq - 1, 10, recorder.Reference);
        var done = await recorder.WaitForDoneAsync(receipt.ReplySeq);

        Assert.Equal(MessageStatus.Complete, done.Status);
        Assert.Equal(Chats.InstantReply(Words), done.Text);
    }

    [Fact]
    public async Task One_node_leaving_does_not_stop_a_reply_another_node_still_reads()
    {
        var (grain, _) = await Chats.StartAsync(Grains);
        using var asker = new EventRecorder(Grains);
        using var watcher = new EventRecorder(Grains);
        var receipt = await grain.SendAsync(Chats.Message("Tell me everything"), asker.Reference);
        await grain.SubscribeAsync(watcher.Reference);
        await asker.WaitForAsync(e => e.Seq == receipt.ReplySeq && e.Type == ChatEventType.Token);

        await grain.ReleaseWatchAsync(asker.Reference);
        var done = await watcher.WaitForDoneAsync(receipt.ReplySeq);

        Assert.Equal(MessageStatus.Complete, done.Status);
    }
}
