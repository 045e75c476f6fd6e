namespace ChatSphere.Api.Auth;

/// <summary>
/// Composes the account emails. Links point at the dashboard at the deployment's <see cref="PublicAddress"/> (never at
/// the host a request named): <c>/verify-email?token=</c>, <c>/reset-password?token=</c>, <c>/invitations/accept?token=</c>.
/// When no address is known, or delivery fails, nothing is sent and a warning is logged: the caller's answer does not
/// change, so a password-reset request answers the same whether or not an email went out.
/// </summary>
public sealed partial class AccountEmails(IEmailSender sender, PublicAddress address, ILogger<AccountEmails> logger)
{
    public Task<bool> SendVerificationAsync(string to, string token, CancellationToken cancellationToken) => SendAsync(
        to, "Confirm your email address for ChatSphere",
        "Confirm your email address by opening this link. It works once and expires in two days.",
        "verify-email", token, "email-verification", cancellationToken);

    public Task<bool> SendPasswordResetAsync(string to, string token, CancellationToken cancellationToken) => SendAsync(
        to, "Reset your ChatSphere password",
        "Someone asked to reset your ChatSphere password. If it was you, open this link within an hour; otherwise ignore this email.",
        "reset-password", token, "password-reset", cancellationToken);

    public Task<bool> SendInvitationAsync(string to, string workspaceName, string role, string token, CancellationToken cancellationToken) => SendAsync(
        to, $"You are invited to {workspaceName} on ChatSphere",
        $"You are invited to join the workspace \"{workspaceName}\" as {role}. Sign in (or sign up) with this address and open the link.",
        "invitations/accept", token, "invitation", cancellationToken);

    private async Task<bool> SendAsync(string to, string subject, string text, string path, string token, string purpose, CancellationToken cancellationToken)
    {
        if (address.Root is not { } root)
        {
            LogNoAddress(purpose, PublicAddress.Setting);
            return false;
        }

        try
        {
            await sender.SendAsync(new EmailMessage(to, subject, text, $"{root}/{path}?token={Uri.EscapeDataString(token)}", purpose), cancellationToken);
            return true;
        }
        catch (Exception failed) when (failed is not OperationCanceledException)
        {
            LogNotSent(failed, purpose);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email not sent: {Purpose}; no public address to link to (set {Setting})")]
    private partial void LogNoAddress(string purpose, string setting);

    [LoggerMessage(Level = LogLevel.Error, Message = "Email not sent: {Purpose}; the email transport failed")]
    private partial void LogNotSent(Exception exception, string purpose);
}
