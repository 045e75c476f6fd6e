namespace ChatSphere.GrainInterfaces.Accounts;

/// <summary>Email address to user id, one grain per normalised address (see <see cref="EmailAddresses.Normalize"/>), so no lookup is a hot singleton.</summary>
[Alias("ChatSphere.IEmailIndexGrain")]
public interface IEmailIndexGrain : IGrainWithStringKey
{
    /// <summary>Points the address at the user, unless another existing user holds it. True when the user now holds it.</summary>
    [Alias("Claim")]
    Task<bool> ClaimAsync(string userId);

    /// <summary>The user holding the address, or null.</summary>
    [Alias("GetUserId"), AlwaysInterleave]
    Task<string?> GetUserIdAsync();

    /// <summary>Forgets the key if <paramref name="userId"/> holds it (the account is deleted).</summary>
    [Alias("Release")]
    Task ReleaseAsync(string userId);
}
