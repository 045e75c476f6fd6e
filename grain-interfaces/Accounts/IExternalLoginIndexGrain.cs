namespace ChatSphere.GrainInterfaces.Accounts;

/// <summary>A provider's subject to the user it signs in, one grain per login (<see cref="ExternalLogin.IndexKey"/>).</summary>
[Alias("ChatSphere.IExternalLoginIndexGrain")]
public interface IExternalLoginIndexGrain : IGrainWithStringKey
{
    /// <summary>Points the login at the user, unless another existing user holds it. True when the user now holds it.</summary>
    [Alias("Claim")]
    Task<bool> ClaimAsync(string userId);

    /// <summary>The user the login signs in, or null.</summary>
    [Alias("GetUserId"), AlwaysInterleave]
    Task<string?> GetUserIdAsync();

    /// <summary>Forgets the key if <paramref name="userId"/> holds it (the account is deleted).</summary>
    [Alias("Release")]
    Task ReleaseAsync(string userId);
}
