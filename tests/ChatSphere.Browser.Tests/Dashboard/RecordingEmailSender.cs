using System.Collections.Concurrent;
using ChatSphere.Api.Auth;

namespace ChatSphere.Browser.Tests.Dashboard;

/// <summary>Stands in for the mail provider at the edge: keeps every email so a test can follow its link as a person would.</summary>
public sealed class RecordingEmailSender : IEmailSender
{
    private readonly ConcurrentQueue<EmailMessage> _sent = new();

    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        _sent.Enqueue(message);
        return Task.CompletedTask;
    }

    /// <summary>The link in the newest email of <paramref name="purpose"/> sent to <paramref name="to"/>.</summary>
    public string LinkFor(string to, string purpose) =>
        _sent.LastOrDefault(m => string.Equals(m.To, to, StringComparison.OrdinalIgnoreCase) && m.Purpose == purpose)?.Link
        ?? throw new InvalidOperationException($"No {purpose} email was sent to {to}.");
}
