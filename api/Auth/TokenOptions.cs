namespace ChatSphere.Api.Auth;

/// <summary><c>ChatSphere:Auth</c>, the API's part: how access tokens (JWT, HS256) are signed and how long they live (docs/api-and-auth.md, "Settings").</summary>
public sealed class TokenOptions
{
    public const string Section = "ChatSphere:Auth";

    /// <summary>The HS256 key, base64, at least 32 bytes. Required in the cluster shape; the embedded shape makes one in its data folder.</summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "chatsphere";

    public string Audience { get; set; } = "chatsphere-api";

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);
}
