using ChatSphere.Silo.Hosting;

namespace ChatSphere.Api.Auth;

/// <summary>
/// The embedded shape's email delivery: nothing is sent; the message and its link are written to the log, marked
/// <c>EmailDelivery = "log"</c>, so whoever runs ChatSphere locally can follow the link. Outside the embedded shape
/// (a test cluster that opted in with <c>ChatSphere:Email:AllowLogDelivery</c>) the link's token is cut short, so the
/// log never holds a usable one.
/// </summary>
public sealed partial class LogEmailSender(ILogger<LogEmailSender> logger, ChatSphereTopology topology) : IEmailSender
{
    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        using (logger.BeginScope(new Dictionary<string, object> { ["EmailDelivery"] = "log" }))
        {
            LogEmail(message.Purpose, message.To, message.Subject, topology.IsCluster ? Redact(message.Link) : message.Link);
        }

        return Task.CompletedTask;
    }

    /// <summary>Keeps the link's first characters of the token, enough to tell emails apart, too few to use.</summary>
    internal static string Redact(string link)
    {
        var at = link.IndexOf("token=", StringComparison.Ordinal);
        if (at < 0)
        {
            return link;
        }

        var start = at + "token=".Length;
        var end = link.IndexOf('&', start) is var amp and >= 0 ? amp : link.Length;
        var shown = Math.Min(6, end - start);
        return string.Concat(link.AsSpan(0, start + shown), "[redacted]", link.AsSpan(end));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email not sent (log delivery): {Purpose} for {To}, subject {Subject}; link: {Link}")]
    private partial void LogEmail(string purpose, string to, string subject, string link);
}
