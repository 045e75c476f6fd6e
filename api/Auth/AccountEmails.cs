namespace ChatSphere.Api.Auth;

/// <summary>
/// Composes the account emails. Links point at the dashboard (<c>ChatSphere:PublicUrl</c>, else the address the
/// request came to): <c>/verify-email?token=</c>, <c>/reset-password?token=</c>, <c>/invitations/accept?token=</c>.
/// </summary>
public sealed class AccountEmails(IEmailSender sender, IConfiguration configuration)
{
    public Task SendVerificationAsync(HttpRequest request, string to, string token) => sender.SendAsync(new EmailMessage(
        to, "Confirm your email address for ChatSphere",
        "Confirm your email address by opening this link. It works once and expires in two days.",
        Link(request, "verify-email", token), "email-verification"), request.HttpContext.RequestAborted);

    public Task SendPasswordResetAsync(HttpRequest request, string to, string token) => sender.SendAsync(new EmailMessage(
        to, "Reset your ChatSphere password",
        "Someone asked to reset your ChatSphere password. If it was you, open this link within an hour; otherwise ignore this email.",
        Link(request, "reset-password", token), "password-reset"), request.HttpContext.RequestAborted);

    public Task SendInvitationAsync(HttpRequest request, string to, string workspaceName, string role, string token) => sender.SendAsync(new EmailMessage(
        to, $"You are invited to {workspaceName} on ChatSphere",
        $"You are invited to join the workspace \"{workspaceName}\" as {role}. Sign in (or sign up) with this address and open the link.",
        Link(request, "invitations/accept", token), "invitation"), request.HttpContext.RequestAborted);

    private string Link(HttpRequest request, string path, string token)
    {
        var root = configuration["ChatSphere:PublicUrl"] is { Length: > 0 } configured ? configured.TrimEnd('/') : $"{request.Scheme}://{request.Host}";
        return $"{root}/{path}?token={Uri.EscapeDataString(token)}";
    }
}
