using System.Diagnostics.Metrics;
using ChatSphere.GrainInterfaces.Conversations;

namespace ChatSphere.Grains.Telemetry;

/// <summary>The live chat loop's own figures (meter "ChatSphere"), exported at /metrics.</summary>
public sealed class ChatMetrics
{
    public const string MeterName = "ChatSphere";

    private readonly Counter<long> _messages;
    private readonly Counter<long> _replies;
    private readonly Histogram<double> _firstToken;
    private readonly Histogram<double> _replyDuration;

    public ChatMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _messages = meter.CreateCounter<long>("chatsphere.messages.received", "{message}", "User messages stored");
        _replies = meter.CreateCounter<long>("chatsphere.replies", "{reply}", "Replies finished, by status");
        _firstToken = meter.CreateHistogram<double>("chatsphere.reply.time_to_first_token", "s", "From the stored question to the reply's first token");
        _replyDuration = meter.CreateHistogram<double>("chatsphere.reply.duration", "s", "From the stored question to the stored reply");
    }

    public void MessageReceived() => _messages.Add(1);

    public void FirstToken(TimeSpan elapsed) => _firstToken.Record(elapsed.TotalSeconds);

    public void ReplyFinished(MessageStatus status, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("status", status == MessageStatus.Complete ? "complete" : "interrupted");
        _replies.Add(1, tag);
        _replyDuration.Record(elapsed.TotalSeconds, tag);
    }
}
