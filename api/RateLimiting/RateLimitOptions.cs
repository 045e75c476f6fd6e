namespace ChatSphere.Api.RateLimiting;

/// <summary><c>ChatSphere:RateLimits</c>. The per-tier rates themselves are part of each plan (<c>ChatSphere:Plans:*</c>); both in docs/plans-and-limits.md.</summary>
public sealed class RateLimitOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>How many buckets share one chatbot's allowance (each holds 1/N of it; a visitor always lands on the same one).</summary>
    public int BotShards { get; set; } = 8;

    /// <summary>Attempts per minute from one client address on the sign-in routes (<see cref="AuthPaths"/>); 0 turns it off.</summary>
    public int AuthAttemptsPerMinute { get; set; } = 30;

    /// <summary>Sign-ups an hour from one client address (on top of <see cref="AuthAttemptsPerMinute"/>), so finding out
    /// which addresses have accounts by signing up with them cannot be done at scale; 0 turns it off.</summary>
    public int RegistrationsPerHourPerAddress { get; set; } = 20;

    /// <summary>Sign-up attempts an hour naming one email address, from anywhere; 0 turns it off.</summary>
    public int RegistrationsPerHourPerEmail { get; set; } = 5;

    /// <summary>Path prefixes whose POSTs count as sign-in attempts.</summary>
    public string[] AuthPaths { get; set; } = ["/api/v1/auth"];

    /// <summary>Routes under <see cref="AuthPaths"/> that are no sign-in attempt: a refresh or sign-out carries a refresh
    /// token (256 random bits, nothing to guess), and counting them would sign out a dashboard that reloads often or
    /// people who share one address.</summary>
    public string[] NotSignInPaths { get; set; } = ["/api/v1/auth/refresh", "/api/v1/auth/logout"];

    /// <summary>How many visitors' worth of messages one client address may send to one chatbot (each visitor is also held to
    /// the plan's own rate): visitors cost nothing to mint, the address does. 0 turns the address limit off.</summary>
    public int VisitorsPerAddress { get; set; } = 4;

    /// <summary>New conversations one client address may start with one chatbot per minute (hub and REST; continuing one with
    /// a visitor token is free). 0 turns it off.</summary>
    public int ConversationsPerAddressPerMinute { get; set; } = 60;

    /// <summary>New visitor conversations one chatbot takes per minute from all addresses together. 0 turns it off.</summary>
    public int ConversationsPerBotPerMinute { get; set; } = 1200;

    /// <summary>How long an API node keeps a workspace's plan (and a bot's workspace) before asking again.</summary>
    public TimeSpan PlanCacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}
