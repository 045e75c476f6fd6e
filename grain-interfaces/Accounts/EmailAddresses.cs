using System.Net.Mail;

namespace ChatSphere.GrainInterfaces.Accounts;

/// <summary>How email addresses are checked and compared.</summary>
public static class EmailAddresses
{
    public const int MaxLength = 254;

    /// <summary>The key an address is looked up by: trimmed and lower-cased (invariant).</summary>
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    public static bool IsValid(string? email)
    {
        if (string.IsNullOrWhiteSpace(email) || email.Length > MaxLength)
        {
            return false;
        }

        var trimmed = email.Trim();
        return MailAddress.TryCreate(trimmed, out var parsed) && parsed.Address == trimmed && parsed.Host.Contains('.', StringComparison.Ordinal);
    }
}
