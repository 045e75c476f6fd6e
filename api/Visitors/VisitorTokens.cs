using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace ChatSphere.Api.Visitors;

/// <summary>What a visitor token says: who the visitor is and which conversation is theirs.</summary>
public sealed record VisitorClaim(string VisitorId, string ConversationId);

/// <summary><c>ChatSphere:Visitors</c>: how long a widget visitor's token lives.</summary>
public sealed class VisitorTokenOptions
{
    public const string Section = "ChatSphere:Visitors";

    /// <summary>How long a token works after it was issued. Every use issues a fresh one (the widget keeps the newest), so
    /// the lifetime slides: a visitor who comes back within it keeps their conversation; one who stays away longer starts anew.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(30);
}

/// <summary>
/// Anonymous widget visitors: an opaque token, protected with ASP.NET Data Protection, that names one visitor of
/// one chatbot, their current conversation, and when the token stops working. Keeping the conversation in the token
/// means no per-visitor state on the server. A token for another bot, an expired one, or a forged one is simply not
/// accepted. (Tokens of the first format, which had no expiry, are read under another purpose and so no longer accepted.)
/// </summary>
public sealed class VisitorTokens(IDataProtectionProvider provider, IOptions<VisitorTokenOptions> options, TimeProvider clock)
{
    private readonly IDataProtector _protector = provider.CreateProtector("ChatSphere.VisitorToken.v2");

    /// <summary>The header a REST caller may send its token in (instead of the body's <c>visitorToken</c>).</summary>
    public const string Header = "X-Visitor-Token";

    public string Issue(string botId, VisitorClaim claim)
    {
        var expires = clock.GetUtcNow().Add(options.Value.TokenLifetime).ToUnixTimeSeconds();
        return _protector.Protect($"{botId}\n{claim.VisitorId}\n{claim.ConversationId}\n{expires.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>The claim the token makes for this bot, or null (absent, forged, another bot's, or expired).</summary>
    public VisitorClaim? Read(string botId, string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1024)
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(token).Split('\n');
            return parts.Length == 4 && parts[0] == botId
                && long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
                && clock.GetUtcNow().ToUnixTimeSeconds() < expires
                ? new VisitorClaim(parts[1], parts[2])
                : null;
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
