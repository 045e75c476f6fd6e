namespace ChatSphere.Api.Auth;

/// <summary>The request needs a credential it does not carry (or one that is no longer valid): 401.</summary>
public sealed class UnauthenticatedException() : Exception("Authentication is required.");
