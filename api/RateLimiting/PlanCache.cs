using ChatSphere.GrainInterfaces.Billing;
using ChatSphere.GrainInterfaces.Chatbots;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace ChatSphere.Api.RateLimiting;

/// <summary>
/// Each API node's short-lived copy of workspaces' plans and bots' workspaces, so a rate check costs no lookup call:
/// entries live <see cref="RateLimitOptions.PlanCacheDuration"/> (a plan change reaches rate limits within that time) and
/// the cache holds at most <see cref="MaxEntries"/>.
/// </summary>
public sealed class PlanCache(IGrainFactory grains, IOptions<RateLimitOptions> options) : IDisposable
{
    public const int MaxEntries = 100_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    public ValueTask<PlanInfo> PlanOfWorkspaceAsync(string workspaceId) =>
        GetAsync(("plan", workspaceId), () => grains.GetGrain<IWorkspaceBillingGrain>(workspaceId).GetPlanAsync());

    /// <summary>The plan of the bot's workspace, or null when the bot does not exist.</summary>
    public async ValueTask<PlanInfo?> PlanOfBotAsync(string botId)
    {
        var workspaceId = await GetAsync<string?>(("bot", botId), async () => (await grains.GetGrain<IChatbotGrain>(botId).GetAsync())?.WorkspaceId);
        return workspaceId is null ? null : await PlanOfWorkspaceAsync(workspaceId);
    }

    public void Dispose() => _cache.Dispose();

    private async ValueTask<T> GetAsync<T>((string Kind, string Id) key, Func<Task<T>> load)
    {
        if (_cache.TryGetValue(key, out T? cached))
        {
            return cached!;
        }

        var value = await load();
        _cache.Set(key, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = options.Value.PlanCacheDuration });
        return value;
    }
}
