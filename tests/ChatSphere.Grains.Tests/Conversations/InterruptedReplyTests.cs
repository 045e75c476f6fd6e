using ChatSphere.GrainInterfaces.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.TestingHost;

namespace ChatSphere.Grains.Tests.Conversations;

/// <summary>A reply whose silo goes away mid-way: the log records it as interrupted and the conversation goes on.</summary>
public sealed class InterruptedReplyTests
{
    // Long enough never to finish while the test looks at it.
    private static readonly IReadOnlyDictionary<string, string?> EndlessModel = SlowModelCluster.Paced(words: 10_000, delayMs: 20);

    [Fact]
    public async Task A_silo_that_stops_mid_reply_leaves_it_interrupted_and_the_next_send_takes_the_next_seq()
    {
        using var data = new TestSqlite();
        var first = await ClusterFixture.StartClusterAsync(data.Folder, EndlessModel);
        var (conversationId, receipt, seen) = await StartReplyAsync(first.Client);

        await first.StopAllSilosAsync();
        await first.DisposeAsync();

        var second = await ClusterFixture.StartClusterAsync(data.Folder);
        await using (second)
        {
            var grain = second.Client.GetGrain<IConversationGrain>(conversationId);
            var log = (await grain.GetMessagesAsync(0, 10)).Items;

            Assert.Equal([1L, 2], log.Select(m => m.Seq));
            var interrupted = log[1];
            Assert.Equal(MessageRole.Assistant, interrupted.Role);
            Assert.Equal(MessageStatus.Interrupted, interrupted.Status);
            Assert.Equal(receipt.ReplyMessageId, interrupted.Id);
            // The stopping activation stored what it had streamed so far.
            Assert.StartsWith(seen, interrupted.Text, StringComparison.Ordinal);
            Assert.StartsWith(interrupted.Text, Chats.InstantReply(10_000), StringComparison.Ordinal);
            await AssertTheConversationGoesOnAsync(second, grain, receipt, interrupted);
        }
    }

    [Fact]
    public async Task A_silo_process_killed_mid_reply_leaves_the_question_unanswered_and_the_next_activation_records_the_interruption()
    {
        using var data = new TestSqlite();
        // The silo program in its own process, so it can die without running a line of shutdown code.
        var settings = TestSiloSettings.Embedded(data.Folder) with { ServiceId = ClusterFixture.ServiceId };
        var model = EndlessModel.ToDictionary(p => p.Key.Replace(":", "__", StringComparison.Ordinal), p => p.Value!);
        model["ChatSphere__Ai__InstantModel__Enabled"] = "true";
        string conversationId;
        SendReceipt receipt;
        using (var silo = SiloProcess.Start(settings, model))
        {
            await silo.WaitStartedAsync(TimeSpan.FromSeconds(60));
            using (var client = await ConnectAsync(settings))
            {
                (conversationId, receipt, _) = await StartReplyAsync(client.Services.GetRequiredService<IClusterClient>());
                await client.StopAsync();
            }

            silo.Kill();
        }

        var second = await ClusterFixture.StartClusterAsync(data.Folder);
        await using (second)
        {
            var grain = second.Client.GetGrain<IConversationGrain>(conversationId);
            var log = (await grain.GetMessagesAsync(0, 10)).Items;

            Assert.Equal([1L, 2], log.Select(m => m.Seq));
            var interrupted = log[1];
            Assert.Equal(MessageRole.Assistant, interrupted.Role);
            Assert.Equal(MessageStatus.Interrupted, interrupted.Status);
            // Written by the new activation: the dead one never stored its reply, so it has a new id and no text.
            Assert.NotEqual(receipt.ReplyMessageId, interrupted.Id);
            Assert.Equal("", interrupted.Text);
            Assert.Equal(2, (await grain.GetAsync())!.LastSeq);
            await AssertTheConversationGoesOnAsync(second, grain, receipt, interrupted);
        }
    }

    /// <summary>An Orleans client of the silo process, as an API node in client mode is.</summary>
    private static async Task<IHost> ConnectAsync(TestSiloSettings silo)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client => client.UseLocalhostClustering(silo.GatewayPort, silo.ServiceId, silo.ClusterId));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Starts a conversation through <paramref name="client"/>, sends, and returns once part of the reply has streamed.</summary>
    private static async Task<(string ConversationId, SendReceipt Receipt, string Seen)> StartReplyAsync(IClusterClient client)
    {
        var (grain, info) = await Chats.StartAsync(client);
        using var recorder = new EventRecorder(client);
        var receipt = await grain.SendAsync(Chats.Message("Tell me a long story", "story"), recorder.Reference);
        await recorder.WaitForAsync(e => e.Seq == receipt.ReplySeq && e.Type == ChatEventType.Token && e.Offset == 0);
        var first = recorder.EventsOf(receipt.ReplySeq).First(e => e.Type == ChatEventType.Token && e.Offset == 0);
        return (info.Id, receipt, first.Text);
    }

    private static async Task AssertTheConversationGoesOnAsync(
        InProcessTestCluster cluster, IConversationGrain grain, SendReceipt interruptedSend, ConversationMessage interrupted)
    {
        using var recorder = new EventRecorder(cluster.Client);

        var retry = await grain.SendAsync(Chats.Message("Tell me a long story", "story"), recorder.Reference);
        var (next, done) = await grain.SendAndWaitAsync(recorder, "Shorter, please");

        Assert.True(retry.Duplicate);
        Assert.Equal(interruptedSend.UserMessage.Id, retry.UserMessage.Id);
        Assert.Equal(interrupted.Id, retry.ReplyMessageId);
        Assert.Equal(MessageStatus.Interrupted, retry.Reply!.Status);
        Assert.False(next.Duplicate);
        Assert.Equal((3, 4), (next.UserMessage.Seq, next.ReplySeq));
        Assert.Equal(Chats.InstantReply(50), done.Text);
        Assert.Equal(MessageStatus.Complete, done.Status);
        var log = (await grain.GetMessagesAsync(0, 10)).Items;
        Assert.Equal([1L, 2, 3, 4], log.Select(m => m.Seq));
    }
}
