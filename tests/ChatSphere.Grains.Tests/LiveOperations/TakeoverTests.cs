using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.Grains.Tests.Conversations;

namespace ChatSphere.Grains.Tests.LiveOperations;

/// <summary>
/// Taking over from a bot that is streaming a slow reply: the reply stops at once, is stored with exactly the text the
/// readers received, and nothing of the bot follows the takeover's answer until the conversation is handed back.
/// </summary>
public sealed class TakeoverTests(SlowModelCluster cluster) : IClassFixture<SlowModelCluster>
{
    [Fact]
    public async Task Takeover_race_over_50_streaming_conversations_stores_exactly_what_readers_received_and_no_bot_event_follows()
    {
        var bot = await Chats.NewBotAsync(cluster.Grains);
        var random = new Random(20261207);
        var replyLength = SlowModelCluster.Words * SlowModelCluster.DelayMs;
        // Points from before the first token to just after the reply would have ended.
        var delays = Enumerable.Range(0, 50).Select(_ => random.Next(0, replyLength + 200)).ToArray();

        var outcomes = await Task.WhenAll(delays.Select(async delay =>
        {
            var (grain, _) = await Chats.StartAsync(cluster.Grains, bot.Id);
            using var visitor = new EventRecorder(cluster.Grains);
            var receipt = await grain.SendAsync(Chats.Message("Tell me everything"), visitor.Reference);
            await Task.Delay(delay);
            var agent = Agents.New();
            var held = await grain.TakeOverAsync(agent);

            // The visitor writes again: the grain takes the question only once the old reply's run has ended, so any event
            // it could still send would be out before this question's event arrives.
            var after = await grain.SendAsync(Chats.Message("Hello?"), visitor.Reference);
            await visitor.WaitForAsync(e => e.Seq == after.UserMessage.Seq && e.Type == ChatEventType.Message);
            await visitor.WaitForAsync(e => e.Type == ChatEventType.Mode && e.Turn == held.Turn);
            var stored = (await grain.GetMessagesAsync(0, 50)).Items;
            return (receipt, held, agent, after, stored, events: visitor.Events);
        }));

        var interrupted = 0;
        foreach (var (receipt, held, agent, after, stored, events) in outcomes)
        {
            var reply = Assert.Single(stored, m => m.Seq == receipt.ReplySeq);
            Assert.Equal(MessageRole.Assistant, reply.Role);
            var received = Agents.Rebuilt(events, receipt.ReplySeq);
            Assert.True(received == reply.Text, $"stored '{reply.Text}' ({reply.Status}) but the reader received '{received}'; "
                + string.Join(" | ", events.Where(e => e.Seq == receipt.ReplySeq).Select(e => $"{e.Type}@{e.Offset}:{e.Text}")));
            interrupted += reply.Status == MessageStatus.Interrupted ? 1 : 0;

            Assert.Equal(ConversationMode.Human, held.Mode);
            Assert.Equal(agent.Id, held.HeldBy?.Id);
            // Every bot event belongs to the turn before the takeover; the mode event to the takeover's turn.
            Assert.All(events.Where(e => e.Role == MessageRole.Assistant && e.Type is ChatEventType.Token or ChatEventType.Done or ChatEventType.Error),
                e => Assert.True(e.Turn < held.Turn, $"a bot event of turn {e.Turn} after the takeover's turn {held.Turn}"));
            Assert.True(after.NoReply);
            Assert.DoesNotContain(stored, m => m.Role == MessageRole.Assistant && m.Seq > receipt.ReplySeq);
            Assert.DoesNotContain(events, e => e.Role == MessageRole.Assistant && e.Seq > receipt.ReplySeq);
        }

        // The random points must have caught most replies mid-stream, or the test proves little.
        Assert.True(interrupted >= 25, $"only {interrupted} of 50 takeovers caught a reply in flight");
    }

    [Fact]
    public async Task Two_agents_taking_over_at_once_one_wins_the_other_is_told_who_holds_it()
    {
        var bot = await Chats.NewBotAsync(cluster.Grains);
        for (var i = 0; i < 10; i++)
        {
            var (grain, _) = await Chats.StartAsync(cluster.Grains, bot.Id);
            using var visitor = new EventRecorder(cluster.Grains);
            var receipt = await grain.SendAsync(Chats.Message("Tell me everything"), visitor.Reference);
            await visitor.WaitForAsync(e => e.Seq == receipt.ReplySeq && e.Type == ChatEventType.Token);
            var alice = Agents.New("Alice");
            var bob = Agents.New("Bob");

            var attempts = await Task.WhenAll(new[] { alice, bob }.Select(async agent =>
            {
                try
                {
                    return (agent, held: await grain.TakeOverAsync(agent), refused: (ConversationHeldException?)null);
                }
                catch (ConversationHeldException refused)
                {
                    return (agent, held: (ConversationInfo?)null, refused);
                }
            }));

            var winner = Assert.Single(attempts, a => a.held is not null);
            var loser = Assert.Single(attempts, a => a.refused is not null);
            Assert.Equal(winner.agent.Id, loser.refused!.Holder.Id);
            Assert.Contains(winner.agent.Name, loser.refused.Message, StringComparison.Ordinal);
            Assert.Equal(winner.agent.Id, (await grain.GetAsync())!.HeldBy?.Id);
        }
    }

    [Fact]
    public async Task The_bot_is_silent_while_an_agent_holds_the_conversation_and_answers_after_hand_back()
    {
        var (grain, _) = await Chats.StartAsync(cluster.Grains);
        using var visitor = new EventRecorder(cluster.Grains);
        var agent = Agents.New();
        await grain.TakeOverAsync(agent);

        var question = await grain.SendAsync(Chats.Message("Are you a person?"), visitor.Reference);
        var written = await grain.SendAgentMessageAsync(new AgentMessage { Author = agent, Text = "Yes, I am Alice." });
        var note = await grain.SendAgentMessageAsync(new AgentMessage { Author = Agents.New("Bob"), Text = "VIP customer", Private = true });
        var echoed = await visitor.WaitForAsync(e => e.Seq == written.Seq);
        var handedBack = await grain.HandBackAsync(agent);
        var (afterHandBack, done) = await grain.SendAndWaitAsync(visitor, "And now?");

        Assert.True(question.NoReply);
        Assert.Equal(MessageRole.Agent, written.Role);
        Assert.Equal(agent, written.Author);
        Assert.Equal(agent.Id, echoed.Author?.Id);
        Assert.True(note.Private);
        Assert.Equal(ConversationMode.Bot, handedBack.Mode);
        Assert.Null(handedBack.HeldBy);
        Assert.False(afterHandBack.NoReply);
        Assert.Equal(MessageStatus.Complete, done.Status);
        var log = (await grain.GetMessagesAsync(0, 50)).Items;
        Assert.Equal(
            [MessageRole.User, MessageRole.Agent, MessageRole.Agent, MessageRole.User, MessageRole.Assistant],
            log.Select(m => m.Role));
        Assert.Equal(agent, log[1].Author);
        Assert.True(log[2].Private);
        Assert.Equal(handedBack.Turn, done.Turn);
    }

    [Fact]
    public async Task Bad_agent_input_is_refused_with_the_field_or_the_reason_and_nothing_is_stored()
    {
        var (grain, _) = await Chats.StartAsync(cluster.Grains);
        var agent = Agents.New();

        var notHeld = await Assert.ThrowsAsync<ConflictException>(() => grain.SendAgentMessageAsync(new AgentMessage { Author = agent, Text = "Hi" }));
        await grain.TakeOverAsync(agent);
        var tooLong = await Assert.ThrowsAsync<ValidationFailedException>(
            () => grain.SendAgentMessageAsync(new AgentMessage { Author = agent, Text = new string('x', ChatSphere.Grains.Conversations.SendRules.MaxTextLength + 1) }));
        var empty = await Assert.ThrowsAsync<ValidationFailedException>(() => grain.SendAgentMessageAsync(new AgentMessage { Author = agent, Text = "  " }));
        var other = await Assert.ThrowsAsync<ConversationHeldException>(
            () => grain.SendAgentMessageAsync(new AgentMessage { Author = Agents.New("Bob"), Text = "Hi" }));
        await grain.CloseAsync(agent);
        var closed = await Assert.ThrowsAsync<ConflictException>(() => grain.TakeOverAsync(Agents.New("Carol")));
        var closedReply = await Assert.ThrowsAsync<ConflictException>(() => grain.SendAgentMessageAsync(new AgentMessage { Author = agent, Text = "Hi" }));

        Assert.Contains("Take the conversation over", notHeld.Message, StringComparison.Ordinal);
        Assert.Contains("text", tooLong.Errors.Keys);
        Assert.Contains("text", empty.Errors.Keys);
        Assert.Equal(agent.Id, other.Holder.Id);
        Assert.Contains("closed", closed.Message, StringComparison.Ordinal);
        Assert.Contains("closed", closedReply.Message, StringComparison.Ordinal);
        Assert.Empty((await grain.GetMessagesAsync(0, 50)).Items);
        var info = await grain.GetAsync();
        Assert.Equal(ConversationStatus.Closed, info!.Status);
        Assert.Equal(ConversationMode.Bot, info.Mode);
    }

    [Fact]
    public async Task A_takeover_is_idempotent_for_its_holder_and_assigns_an_unassigned_conversation()
    {
        var (grain, _) = await Chats.StartAsync(cluster.Grains);
        var agent = Agents.New();
        var first = await grain.TakeOverAsync(agent);
        var again = await grain.TakeOverAsync(agent);

        Assert.Equal(first, again);
        Assert.Equal(agent.Id, first.AssigneeId);
    }
}
