namespace ChatSphere.Api.Auth;

/// <summary>Delivers account emails (verification, password reset, invitations). Register a provider's implementation
/// before <c>AddChatSphereAuth</c> to replace the configured one (SMTP, or in the embedded shape the log).</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
