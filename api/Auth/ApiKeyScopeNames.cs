using ChatSphere.GrainInterfaces.Accounts;

namespace ChatSphere.Api.Auth;

/// <summary>The names of API key scopes as the API writes them: chat, read, write, admin.</summary>
public static class ApiKeyScopeNames
{
    private static readonly (ApiKeyScopes Scope, string Name)[] All =
        [(ApiKeyScopes.Chat, "chat"), (ApiKeyScopes.Read, "read"), (ApiKeyScopes.Write, "write"), (ApiKeyScopes.Admin, "admin")];

    public static IReadOnlyList<string> Of(ApiKeyScopes scopes) => All.Where(s => scopes.HasFlag(s.Scope)).Select(s => s.Name).ToArray();

    /// <summary>The scopes named, or null if a name is unknown.</summary>
    public static ApiKeyScopes? Parse(IEnumerable<string?> names)
    {
        var scopes = ApiKeyScopes.None;
        foreach (var name in names)
        {
            var match = All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
            if (match.Name is null)
            {
                return null;
            }

            scopes |= match.Scope;
        }

        return scopes;
    }
}
