namespace ChatSphere.Api.Auth;

/// <summary>
/// The claim types every authenticated ChatSphere principal carries. Dashboard users (JWT) carry
/// <see cref="UserId"/>; API keys carry <see cref="ApiKeyId"/>, <see cref="WorkspaceId"/>, one
/// <see cref="Scope"/> claim per scope and, when limited to one bot, <see cref="BotId"/>.
/// </summary>
public static class ChatSphereClaims
{
    /// <summary>The user id (JWT <c>sub</c>).</summary>
    public const string UserId = "sub";
    public const string Email = "email";
    public const string Name = "name";

    /// <summary>The id of the API key that authenticated the request.</summary>
    public const string ApiKeyId = "cs:key";

    /// <summary>The workspace an API key belongs to.</summary>
    public const string WorkspaceId = "cs:ws";

    /// <summary>One API key scope: <c>chat</c>, <c>read</c>, <c>write</c> or <c>admin</c>.</summary>
    public const string Scope = "cs:scope";

    /// <summary>The only chatbot an API key may use, when it is limited to one.</summary>
    public const string BotId = "cs:bot";
}
