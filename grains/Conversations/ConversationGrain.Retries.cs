using ChatSphere.GrainInterfaces.Conversations;

namespace ChatSphere.Grains.Conversations;

/// <summary>Retries of a send: the same clientMessageId finds its first question and that question's reply (or none, when a person held the conversation).</summary>
public sealed partial class ConversationGrain
{
    private ConversationMessage? FindInTail(string clientMessageId)
    {
        foreach (var m in _tail)
        {
            if (m.ClientMessageId == clientMessageId)
            {
                return m;
            }
        }

        return null;
    }

    private async Task<SendReceipt> DuplicateReceiptAsync(ConversationMessage question)
    {
        var replySeq = question.Seq + 1;
        if (_reply is { } reply && reply.Seq == replySeq && !reply.Superseded)
        {
            return new SendReceipt
            {
                UserMessage = question, ReplySeq = replySeq, ReplyMessageId = reply.MessageId, Duplicate = true, Partial = reply.Snapshot(),
            };
        }

        var stored = _tail.Find(m => m.Seq == replySeq) ?? await store.GetMessageAsync(ConversationId, replySeq);
        if (stored is null && !BotAnswers(_info!) || stored is { Role: not MessageRole.Assistant })
        {
            // The question was asked while a person held the conversation: no reply of the bot belongs to it.
            return new SendReceipt { UserMessage = question, ReplyMessageId = "", Duplicate = true, NoReply = true };
        }

        stored ??= await StoreInterruptedReplyAsync(question);
        return new SendReceipt { UserMessage = question, ReplySeq = replySeq, ReplyMessageId = stored.Id, Duplicate = true, Reply = stored };
    }
}
