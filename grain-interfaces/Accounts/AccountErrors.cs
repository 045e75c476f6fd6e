using ChatSphere.GrainInterfaces.Errors;

namespace ChatSphere.GrainInterfaces.Accounts;

/// <summary>The credentials (password, refresh token) are wrong, expired or spent (401). The message never says which.</summary>
[GenerateSerializer, Alias("ChatSphere.InvalidCredentialsException")]
public sealed class InvalidCredentialsException() : ChatSphereException("The credentials are not valid.");

/// <summary>Too many failed sign-ins: the account refuses passwords until <see cref="RetryAfter"/> has passed (429).</summary>
[GenerateSerializer, Alias("ChatSphere.AccountLockedException")]
public sealed class AccountLockedException(TimeSpan retryAfter)
    : ChatSphereException("Too many failed sign-ins; try again later or reset the password.")
{
    [Id(0)] public TimeSpan RetryAfter { get; } = retryAfter;
}
