using System.Text.RegularExpressions;
using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.GrainInterfaces.Knowledge;
using ChatSphere.Grains.Tests.Conversations;
using ChatSphere.Grains.Tests.Knowledge.Ingestion;

namespace ChatSphere.Grains.Tests.Knowledge;

/// <summary>
/// A bot on the embedded answerer, trained through the real ingestion path, answers a conversation from its knowledge:
/// the stored reply's [n] markers and its citation list agree, and support, curation, deletion and the word budget
/// decide what it says.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed partial class GroundedReplyTests(ClusterFixture fixture)
{
    private const string Fallback = "I can't tell from what I know. Ask about the shop, parking or delivery.";

    private const string ShopGuide =
        "# Opening hours\n\nThe shop on Baker Street opens at nine in the morning and closes at six on weekdays. "
        + "On Saturdays it closes at two in the afternoon.\n\n"
        + "# Parking\n\nVisitors park for free in the garage behind the building. The garage entrance is on Mill Lane.";

    private const string Delivery =
        "Parcels ship within two business days of the order. Deliveries to the islands take one week longer.";

    [Fact]
    public async Task A_reply_is_the_best_supported_sentence_cited_1_with_its_source_in_the_citation_list()
    {
        var (bot, knowledge) = await NewBotAsync();
        var guide = await AddTextAsync(knowledge, "Shop guide", ShopGuide);
        await AddTextAsync(knowledge, "Delivery", Delivery);

        var reply = await AskAsync(bot, "Where can visitors park their car?");

        Assert.StartsWith("Visitors park for free in the garage behind the building.", reply.Text, StringComparison.Ordinal);
        Assert.EndsWith(" [1]", reply.Text, StringComparison.Ordinal);
        Assert.Equal([1], Markers(reply.Text));
        var citation = Assert.Single(reply.Citations);
        Assert.Equal(1, citation.Index);
        Assert.Equal(guide, citation.SourceId);
        Assert.Equal("Shop guide > Parking", citation.Title);
        Assert.Equal("Parking", citation.Heading);
        Assert.InRange(citation.Score, 0.3, 1.0);
    }

    [Fact]
    public async Task A_citation_of_an_uploaded_file_names_the_file_and_the_heading()
    {
        var (bot, knowledge) = await NewBotAsync();
        var content = System.Text.Encoding.UTF8.GetBytes("# Warranty\n\nEvery espresso machine has a warranty of three years.\n\n# Repairs\n\nRepairs take ten days.");
        var added = await knowledge.AddFileAsync(new NewFile { FileName = "care-guide.md", ContentType = "text/markdown", Content = content, Title = "Care guide" });
        Assert.Equal(SourceStatus.Indexed, (await knowledge.SettledAsync(added.Id)).Status);

        var reply = await AskAsync(bot, "How long is the warranty on an espresso machine?");

        Assert.Equal("Every espresso machine has a warranty of three years. [1]", reply.Text);
        var citation = Assert.Single(reply.Citations);
        Assert.Equal((added.Id, "care-guide.md", "Warranty"), (citation.SourceId, citation.FileName, citation.Heading));
    }

    [Fact]
    public async Task Two_sources_that_both_carry_the_answer_are_cited_1_and_2_in_the_order_used()
    {
        var (bot, knowledge) = await NewBotAsync();
        var cards = await AddTextAsync(knowledge, "Gift cards", "Gift cards are valid for three years from the day of purchase.");
        var credit = await AddTextAsync(knowledge, "Store credit", "Store credit is valid for three years from the day it is issued.");
        await AddTextAsync(knowledge, "Delivery", Delivery);

        var reply = await AskAsync(bot, "How long are gift cards and store credit valid?");

        Assert.Equal([1, 2], Markers(reply.Text));
        Assert.Equal([1, 2], reply.Citations.Select(c => c.Index));
        Assert.Equal(new[] { cards, credit }.Order(), reply.Citations.Select(c => c.SourceId).Order());
        // Each marker follows the sentence of the source its citation names.
        var first = reply.Text[..reply.Text.IndexOf("[1]", StringComparison.Ordinal)];
        Assert.Contains(reply.Citations[0].SourceId == cards ? "Gift cards" : "Store credit", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Weak_support_gives_the_bots_fallback_without_citations()
    {
        var (bot, knowledge) = await NewBotAsync();
        await AddTextAsync(knowledge, "Shop guide", ShopGuide);

        var reply = await AskAsync(bot, "Who won the football world cup in 1998?");

        Assert.Equal(Fallback, reply.Text);
        Assert.Empty(reply.Citations);
    }

    [Fact]
    public async Task A_strongly_matching_qa_pair_is_answered_as_written_and_cited()
    {
        var (bot, knowledge) = await NewBotAsync();
        await AddTextAsync(knowledge, "Shop guide", ShopGuide);
        const string answer = "Yes. Gift wrapping is free at every till, and we add a card with your message if you like.";
        var pair = await knowledge.AddSourceAsync(new NewSource { Type = SourceType.Qa, Question = "Do you offer gift wrapping?", Answer = answer });

        var reply = await AskAsync(bot, "Do you offer gift wrapping?");

        Assert.Equal(answer + " [1]", reply.Text);
        var citation = Assert.Single(reply.Citations);
        Assert.Equal((1, pair.Id, "Do you offer gift wrapping?"), (citation.Index, citation.SourceId, citation.Title));
    }

    [Fact]
    public async Task A_deleted_source_is_no_longer_cited_from_the_next_reply_on()
    {
        var (bot, knowledge) = await NewBotAsync();
        var guide = await AddTextAsync(knowledge, "Shop guide", ShopGuide);
        await AddTextAsync(knowledge, "Delivery", Delivery);
        var (grain, _) = await Chats.StartAsync(fixture.Grains, bot.Id);
        using var recorder = new EventRecorder(fixture.Grains);
        var before = await ReplyAsync(grain, recorder, "Where can visitors park their car?");
        Assert.Contains(before.Citations, c => c.SourceId == guide);

        Assert.True(await knowledge.DeleteSourceAsync(guide));
        var after = await ReplyAsync(grain, recorder, "Where can visitors park their car?");

        Assert.DoesNotContain(after.Citations, c => c.SourceId == guide);
        Assert.DoesNotContain("garage", after.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reply_keeps_to_the_bots_word_budget()
    {
        var (bot, knowledge) = await NewBotAsync(maxAnswerWords: 12);
        var steps = string.Join(", ", Enumerable.Range(1, 20).Select(i => $"step {i} done"));
        await AddTextAsync(knowledge, "Returns", $"To return an item you print the label, {steps}, and then you bring the parcel to the post office.");

        var reply = await AskAsync(bot, "How do I return an item?");

        Assert.InRange(Words(reply.Text), 1, 12);
        Assert.Equal([1], Markers(reply.Text));
        Assert.Single(reply.Citations);
    }

    private async Task<(ChatbotInfo Bot, IKnowledgeGrain Knowledge)> NewBotAsync(int maxAnswerWords = 40)
    {
        var bot = await fixture.Grains.GetGrain<IChatbotGrain>(Ids.New("bot")).CreateAsync(Ids.New("ws"), new ChatbotSettings
        {
            Name = "Shop helper",
            FallbackMessage = Fallback,
            Answer = new AnswerSettings { Model = "embedded", MaxAnswerWords = maxAnswerWords },
        });
        return (bot, fixture.Grains.GetGrain<IKnowledgeGrain>(bot.Id));
    }

    private static async Task<string> AddTextAsync(IKnowledgeGrain knowledge, string title, string text)
    {
        var added = await knowledge.AddSourceAsync(new NewSource { Type = SourceType.Text, Title = title, Text = text });
        Assert.Equal(SourceStatus.Indexed, (await knowledge.SettledAsync(added.Id)).Status);
        return added.Id;
    }

    /// <summary>Asks in a new conversation and returns the reply as stored (read back from the log).</summary>
    private async Task<ConversationMessage> AskAsync(ChatbotInfo bot, string question)
    {
        var (grain, _) = await Chats.StartAsync(fixture.Grains, bot.Id);
        using var recorder = new EventRecorder(fixture.Grains);
        return await ReplyAsync(grain, recorder, question);
    }

    private static async Task<ConversationMessage> ReplyAsync(IConversationGrain grain, EventRecorder recorder, string question)
    {
        var (receipt, done) = await grain.SendAndWaitAsync(recorder, question);
        var stored = (await grain.GetMessagesAsync(receipt.ReplySeq - 1, 1)).Items.Single();
        Assert.Equal(MessageStatus.Complete, stored.Status);
        Assert.Equal(stored.Text, done.Text);
        Assert.Equal(stored.Citations, done.Citations);
        return stored;
    }

    private static int[] Markers(string text) => Marker().Matches(text).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private static int Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => !Marker().IsMatch(w));

    [GeneratedRegex(@"\[(\d+)\]")]
    private static partial Regex Marker();
}
