namespace ChatSphere.GrainInterfaces.Accounts;

/// <summary>What an API key may do. The API maps each scope onto the workspace permissions (see the role matrix in docs/api-and-auth.md).</summary>
[Flags]
public enum ApiKeyScopes
{
    None = 0,
    /// <summary>Talk to the workspace's chatbots (chat endpoints and the hub).</summary>
    Chat = 1,
    /// <summary>Read chatbots, knowledge, conversations and analytics.</summary>
    Read = 2,
    /// <summary>Create, change and delete chatbots and their knowledge.</summary>
    Write = 4,
    /// <summary>Manage the workspace: API keys, invitations, settings.</summary>
    Admin = 8,
}
