using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ChatSphere.Api.Auth;

/// <summary>Sends account emails through the configured SMTP server (MailKit), one connection per email: they are rare.</summary>
public sealed partial class SmtpEmailSender(IOptions<EmailOptions> options, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    private readonly SmtpOptions _smtp = options.Value.Smtp;

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(_smtp.From!));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;
        mime.Body = new TextPart("plain") { Text = $"{message.Text}\r\n\r\n{message.Link}\r\n" };

        using var client = new SmtpClient();
        await client.ConnectAsync(_smtp.Host!, _smtp.Port, Socket(_smtp.Security), cancellationToken);
        if (!string.IsNullOrEmpty(_smtp.User))
        {
            await client.AuthenticateAsync(_smtp.User, _smtp.Password ?? "", cancellationToken);
        }

        await client.SendAsync(mime, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        LogSent(message.Purpose);
    }

    /// <summary>Checks the settings at start-up: a host, a port, a sender address, and a password with the user.</summary>
    public static void Validate(SmtpOptions smtp)
    {
        var problems = new List<string>();
        if (smtp.Port is < 1 or > 65535)
        {
            problems.Add("Port must be 1 to 65535");
        }

        if (string.IsNullOrWhiteSpace(smtp.From) || !MailboxAddress.TryParse(smtp.From, out _))
        {
            problems.Add("From must be a sender address");
        }

        if (!string.IsNullOrEmpty(smtp.User) && string.IsNullOrEmpty(smtp.Password))
        {
            problems.Add("Password is required with User");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"{EmailOptions.Section}:Smtp is not usable: {string.Join("; ", problems)}.");
        }
    }

    private static SecureSocketOptions Socket(SmtpSecurity security) => security switch
    {
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        SmtpSecurity.None => SecureSocketOptions.None,
        _ => SecureSocketOptions.StartTls,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Email sent over SMTP: {Purpose}")]
    private partial void LogSent(string purpose);
}
