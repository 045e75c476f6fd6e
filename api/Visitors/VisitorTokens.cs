using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace ChatSphere.Api.Visitors;

/// <summary>What a visitor token says: who the visitor is and which conversation is theirs.</summary>
public sealed record VisitorClaim(string VisitorId, string ConversationId);

/// <summary>
/// Anonymous widget visitors: an opaque token, protected with ASP.NET Data Protection, that names one visitor of
/// one chatbot and their current conversation. Keeping the conversation in the token means no per-visitor state
/// on the server. A token for another bot, or a forged one, is simply not accepted.
/// </summary>
public sealed class VisitorTokens(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("ChatSphere.VisitorToken.v1");

    public string Issue(string botId, VisitorClaim claim) => _protector.Protect($"{botId}\n{claim.VisitorId}\n{claim.ConversationId}");

    /// <summary>The claim the token makes for this bot, or null.</summary>
    public VisitorClaim? Read(string botId, string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1024)
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(token).Split('\n');
            return parts.Length == 3 && parts[0] == botId ? new VisitorClaim(parts[1], parts[2]) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
