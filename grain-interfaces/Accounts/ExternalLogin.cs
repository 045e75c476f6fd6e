namespace ChatSphere.GrainInterfaces.Accounts;

/// <summary>A sign-in at an OpenID Connect provider: the provider's configured name and its subject for the person.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.ExternalLogin")]
public sealed record ExternalLogin([property: Id(0)] string Provider, [property: Id(1)] string Subject)
{
    /// <summary>The key of the login's index grain (<see cref="IExternalLoginIndexGrain"/>).</summary>
    public string IndexKey => Provider.ToLowerInvariant() + "|" + Subject;
}

/// <summary>A person new to ChatSphere who signed in at a provider.</summary>
[GenerateSerializer, Immutable, Alias("ChatSphere.ExternalRegistration")]
public sealed record ExternalRegistration
{
    [Id(0)] public required ExternalLogin Login { get; init; }
    [Id(1)] public required string Email { get; init; }
    [Id(2)] public required string Name { get; init; }
    /// <summary>Whether the provider vouched for the address (its <c>email_verified</c> claim).</summary>
    [Id(3)] public bool EmailVerified { get; init; }
    [Id(4)] public string? AdoptWorkspaceId { get; init; }
}
