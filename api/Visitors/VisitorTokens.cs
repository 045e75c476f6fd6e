using System.Security.Cryptography;
using ChatSphere.GrainInterfaces;
using Microsoft.AspNetCore.DataProtection;

namespace ChatSphere.Api.Visitors;

/// <summary>
/// Anonymous widget visitors: an opaque token, protected with ASP.NET Data Protection, that names one visitor
/// of one chatbot. A token for another bot, or a forged one, is simply not accepted.
/// </summary>
public sealed class VisitorTokens(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("ChatSphere.VisitorToken.v1");

    /// <summary>A new visitor of the bot: its id and token.</summary>
    public (string VisitorId, string Token) Issue(string botId)
    {
        var visitorId = Ids.New("vis");
        return (visitorId, _protector.Protect($"{botId}\n{visitorId}"));
    }

    /// <summary>The visitor id the token names for this bot, or null.</summary>
    public string? Read(string botId, string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1024)
        {
            return null;
        }

        try
        {
            var text = _protector.Unprotect(token);
            var newline = text.IndexOf('\n', StringComparison.Ordinal);
            return newline > 0 && text.AsSpan(0, newline).SequenceEqual(botId) ? text[(newline + 1)..] : null;
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
