namespace ChatSphere.Api.Auth;

/// <summary>
/// The embedded shape's email delivery: nothing is sent; the message and its link are written to the log, marked
/// <c>EmailDelivery = "log"</c>, so whoever runs ChatSphere locally can follow the link.
/// </summary>
public sealed partial class LogEmailSender(ILogger<LogEmailSender> logger) : IEmailSender
{
    public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        using (logger.BeginScope(new Dictionary<string, object> { ["EmailDelivery"] = "log" }))
        {
            LogEmail(message.Purpose, message.To, message.Subject, message.Link);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email not sent (log delivery): {Purpose} for {To}, subject {Subject}; link: {Link}")]
    private partial void LogEmail(string purpose, string to, string subject, string link);
}
