using ChatSphere.Api.Realtime;
using ChatSphere.Api.Billing.Payments;
using Microsoft.AspNetCore.SignalR;

namespace ChatSphere.Api.RateLimiting;

/// <summary>Registers the API's rate limits and what they read.</summary>
public static class RateLimitingExtensions
{
    /// <summary>Rate limits (<c>ChatSphere:RateLimits</c>), the plan cache they read, the hub filter, and the payment providers
    /// the billing routes use.</summary>
    public static WebApplicationBuilder AddChatSphereLimits(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<RateLimitOptions>(builder.Configuration.GetSection("ChatSphere:RateLimits"));
        builder.Services.AddSingleton<PlanCache>();
        builder.Services.AddSingleton<RateLimitChecks>();
        builder.Services.AddSingleton<ChatRateLimitHubFilter>();
        // Per-hub options (they start from the global ones), so the filter runs on the widget hub only.
        builder.Services.AddSignalR().AddHubOptions<ChatHub>(o => o.AddFilter<ChatRateLimitHubFilter>());
        builder.Services.AddChatSpherePayments(builder.Configuration);
        return builder;
    }

    /// <summary>Sign-in attempts per client address and requests per API key. Place after authentication.</summary>
    public static IApplicationBuilder UseChatSphereRateLimits(this IApplicationBuilder app) => app.UseMiddleware<RateLimitMiddleware>();
}
