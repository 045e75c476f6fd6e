namespace ChatSphere.Api.Auth;

/// <summary>Delivers account emails (verification, password reset, invitations). Register a provider's implementation
/// before <c>AddChatSphereAuth</c> to replace the default, which writes them to the log.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
