using System.Collections.Concurrent;
using ChatSphere.Api.Auth;

namespace ChatSphere.Api.Tests.Accounts;

/// <summary>Stands in for the mail provider at the edge: keeps every email so a test can follow its link.</summary>
public sealed class RecordingEmailSender : IEmailSender
{
    private readonly ConcurrentQueue<EmailMessage> _sent = new();

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        _sent.Enqueue(message);
        return Task.CompletedTask;
    }

    public int Count(string to, string purpose) => _sent.Count(m => m.To == to && m.Purpose == purpose);

    /// <summary>The link of the newest email of <paramref name="purpose"/> sent to <paramref name="to"/>.</summary>
    public string LinkFor(string to, string purpose) => (_sent.LastOrDefault(m => m.To == to && m.Purpose == purpose)
        ?? throw new InvalidOperationException($"No {purpose} email was sent to {to}.")).Link;

    /// <summary>The token in the link of the newest email of <paramref name="purpose"/> sent to <paramref name="to"/>.</summary>
    public string TokenFor(string to, string purpose)
    {
        var message = _sent.LastOrDefault(m => m.To == to && m.Purpose == purpose)
            ?? throw new InvalidOperationException($"No {purpose} email was sent to {to}.");
        var query = new Uri(message.Link).Query.TrimStart('?').Split('&').Single(p => p.StartsWith("token=", StringComparison.Ordinal));
        return Uri.UnescapeDataString(query["token=".Length..]);
    }
}
