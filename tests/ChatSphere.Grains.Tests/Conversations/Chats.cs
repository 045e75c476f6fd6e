using System.Globalization;
using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Chatbots;
using ChatSphere.GrainInterfaces.Conversations;

namespace ChatSphere.Grains.Tests.Conversations;

/// <summary>Set-up steps the conversation tests share: a bot on the "instant" model, a started conversation, a send.</summary>
public static class Chats
{
    /// <summary>The reply the "instant" model streams with <paramref name="words"/> words: "word1 word2 … wordN".</summary>
    public static string InstantReply(int words) => string.Join(' ', Enumerable.Range(1, words).Select(i => $"word{i}"));

    public static Task<ChatbotInfo> NewBotAsync(IGrainFactory grains, string model = "instant") =>
        grains.GetGrain<IChatbotGrain>(Ids.New("bot")).CreateAsync(Ids.New("ws"), new ChatbotSettings
        {
            Name = "Support",
            Answer = new AnswerSettings { Model = model },
        });

    /// <summary>A new bot and a conversation of a new visitor with it.</summary>
    public static async Task<(IConversationGrain Grain, ConversationInfo Info)> StartAsync(IGrainFactory grains)
    {
        var bot = await NewBotAsync(grains);
        return await StartAsync(grains, bot.Id);
    }

    public static async Task<(IConversationGrain Grain, ConversationInfo Info)> StartAsync(IGrainFactory grains, string botId)
    {
        var grain = grains.GetGrain<IConversationGrain>(Ids.New("conv"));
        var info = await grain.StartAsync(new ConversationStart { BotId = botId, VisitorId = Ids.New("vis") });
        return (grain, info);
    }

    /// <summary>
    /// What a message is, comparable across activations: the store keeps times to the millisecond and a message that
    /// crossed the wire has its own citation list instance.
    /// </summary>
    public static object Essence(ConversationMessage m) =>
        (m.Id, m.Seq, m.Role, m.Text, m.Status, m.ClientMessageId, m.CreatedAt.ToUnixTimeMilliseconds(), string.Join(';', m.Citations));

    public static SendMessage Message(string text, string? clientMessageId = null) =>
        new() { Text = text, ClientMessageId = clientMessageId ?? Guid.NewGuid().ToString("N") };

    /// <summary>Sends and waits until the reply is stored (its "done" event reached <paramref name="recorder"/>).</summary>
    public static async Task<(SendReceipt Receipt, ChatEvent Done)> SendAndWaitAsync(
        this IConversationGrain grain, EventRecorder recorder, string text, string? clientMessageId = null)
    {
        var receipt = await grain.SendAsync(Message(text, clientMessageId), recorder.Reference);
        var done = await recorder.WaitForDoneAsync(receipt.ReplySeq);
        return (receipt, done);
    }

    /// <summary>The whole stored log, read page by page through <see cref="MessagePage.NextCursor"/>; also returns the page count.</summary>
    public static async Task<(IReadOnlyList<ConversationMessage> Messages, int Pages)> ReadLogAsync(this IConversationGrain grain, int pageSize)
    {
        var messages = new List<ConversationMessage>();
        var pages = 0;
        long after = 0;
        while (true)
        {
            var page = await grain.GetMessagesAsync(after, pageSize);
            pages++;
            messages.AddRange(page.Items);
            if (page.NextCursor is null)
            {
                return (messages, pages);
            }

            after = long.Parse(page.NextCursor, CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Sends <paramref name="count"/> questions one after another, each answered before the next.</summary>
    public static async Task<IReadOnlyList<SendReceipt>> ExchangeAsync(this IConversationGrain grain, EventRecorder recorder, int count)
    {
        var receipts = new List<SendReceipt>();
        for (var i = 1; i <= count; i++)
        {
            receipts.Add((await grain.SendAndWaitAsync(recorder, $"Question {i}", $"client-{i}")).Receipt);
        }

        return receipts;
    }
}
