using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace ChatSphere.GrainInterfaces;

/// <summary>
/// The spans of one chat message (activity source "ChatSphere"): <c>chat.send</c> on the API node, then on the silo
/// <c>chat.reply</c>, <c>chat.retrieve</c>, <c>chat.model</c> and <c>chat.commit</c>, joined across processes by Orleans'
/// activity propagation. Spans exist only while a listener (the OpenTelemetry tracer) samples them, so a process
/// without tracing pays nothing. What is exported and how: docs/deployment.md, "Observability".
/// </summary>
public static class ChatTracing
{
    public const string SourceName = "ChatSphere";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts an internal span named <paramref name="name"/> under the current one (null when nobody listens).</summary>
    public static Activity? Start(string name) => Source.StartActivity(name);

    /// <summary>
    /// Runs <paramref name="events"/> under a span that starts a trace of its own, linked to the caller's span: a hub
    /// connection's request lasts as long as its socket, so without this every message of a conversation would share
    /// one endless trace. Returns <paramref name="events"/> itself when nobody listens (no extra step per event).
    /// </summary>
    public static IAsyncEnumerable<T> InOwnTrace<T>(string name, IAsyncEnumerable<T> events) =>
        Source.HasListeners() ? OwnTraceAsync(name, events) : events;

    private static async IAsyncEnumerable<T> OwnTraceAsync<T>(string name, IAsyncEnumerable<T> events, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var caller = Activity.Current;
        Activity.Current = null;
        using var span = Source.StartActivity(name, ActivityKind.Server, default(ActivityContext), links: caller is null ? null : [new ActivityLink(caller.Context)]);
        await foreach (var item in events.WithCancellation(cancellationToken))
        {
            yield return item;
        }
    }
}
