using System.Buffers.Binary;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using ChatSphere.Api.Auth;
using ChatSphere.GrainInterfaces.RateLimits;
using Microsoft.Extensions.Options;

namespace ChatSphere.Api.RateLimiting;

/// <summary>
/// The rate checks the API makes, each at most one grain call (none when the plan sets no rate): a visitor's message
/// takes from its chatbot's shard <c>bot:&lt;botId&gt;#&lt;n&gt;</c> (picked by a stable hash of the visitor, so one visitor
/// always meets the same shard) the bot's share and the visitor's own bucket at once; an API key from
/// <c>apikey:&lt;id&gt;</c>; a sign-in attempt from <c>ip:&lt;hash&gt;</c>; a new visitor conversation from
/// <c>start:&lt;botId&gt;#&lt;n&gt;</c> (the bot's share and the client address's own bucket). Refusals throw <see cref="RateLimitExceededException"/>.
/// </summary>
public sealed class RateLimitChecks(IGrainFactory grains, PlanCache plans, IOptions<RateLimitOptions> options)
{
    /// <summary>Checks one message from <paramref name="visitorKey"/> to a chatbot, sent from <paramref name="address"/> (null
    /// for a caller with its own limit, an API key). The visitor's bucket and the address's (a multiple of it, see
    /// <see cref="RateLimitOptions.VisitorsPerAddress"/>) must both allow it. Does nothing for a bot that does not exist
    /// (the caller answers that).</summary>
    public async ValueTask CheckMessageAsync(string botId, string visitorKey, IPAddress? address)
    {
        var settings = options.Value;
        if (!settings.Enabled || await plans.PlanOfBotAsync(botId) is not { } plan)
        {
            return;
        }

        var (botRate, visitorRate) = (plan.Limits.BotMessagesPerMinute, plan.Limits.VisitorMessagesPerMinute);
        if (botRate <= 0 && visitorRate <= 0)
        {
            return;
        }

        var shards = Math.Max(1, settings.BotShards);
        var addressKey = address is null ? null : "ip:" + AddressHash(address);
        var byAddress = addressKey is not null && visitorRate > 0 && settings.VisitorsPerAddress > 0;
        // Sharded by address when there is one, so the address's bucket is one bucket whatever visitors it mints.
        var decision = await grains.GetGrain<IRateLimitGrain>(BotShardKey(botId, ShardOf(addressKey ?? visitorKey, shards))).TakeAsync(new RateTake
        {
            Rule = botRate > 0 ? RateRule.PerMinute(botRate, shards) : null,
            Member = visitorRate > 0 ? visitorKey : null,
            MemberRule = visitorRate > 0 ? RateRule.PerMinute(visitorRate) : null,
            Address = byAddress ? addressKey : null,
            AddressRule = byAddress ? RateRule.PerMinute(visitorRate * settings.VisitorsPerAddress) : null,
        });
        if (!decision.Allowed)
        {
            throw decision.RefusedBy switch
            {
                "member" => Refused("visitor", decision, "You're sending messages too quickly. Please wait {0} seconds and try again."),
                "address" => Refused("address", decision, "Too many messages from your network. Please wait {0} seconds and try again."),
                _ => Refused("chatbot", decision, "This assistant is very busy right now. Please try again in {0} seconds."),
            };
        }
    }

    /// <summary>Checks a message of the OpenAI-compatible completions: per API key when it has one, per client address otherwise.</summary>
    public ValueTask CheckMessageAsync(string botId, HttpContext http) =>
        http.User.FindFirstValue(ChatSphereClaims.ApiKeyId) is { } key
            ? CheckMessageAsync(botId, "key:" + key, null)
            : CheckMessageAsync(botId, "ip:" + AddressHash(http.Connection.RemoteIpAddress), null);

    /// <summary>Checks that <paramref name="address"/> may start one more conversation with the chatbot (per address and per
    /// bot, <see cref="RateLimitOptions.ConversationsPerAddressPerMinute"/> and <see cref="RateLimitOptions.ConversationsPerBotPerMinute"/>).</summary>
    public async ValueTask CheckConversationStartAsync(string botId, IPAddress? address)
    {
        var settings = options.Value;
        var (perAddress, perBot) = (settings.ConversationsPerAddressPerMinute, settings.ConversationsPerBotPerMinute);
        if (!settings.Enabled || (perAddress <= 0 && perBot <= 0))
        {
            return;
        }

        var shards = Math.Max(1, settings.BotShards);
        var addressKey = "ip:" + AddressHash(address);
        var decision = await grains.GetGrain<IRateLimitGrain>($"start:{botId}#{ShardOf(addressKey, shards)}").TakeAsync(new RateTake
        {
            Rule = perBot > 0 ? RateRule.PerMinute(perBot, shards) : null,
            Member = perAddress > 0 ? addressKey : null,
            MemberRule = perAddress > 0 ? RateRule.PerMinute(perAddress) : null,
        });
        if (!decision.Allowed)
        {
            throw decision.RefusedBy == "member"
                ? Refused("conversations", decision, "Too many new conversations from your network. Please wait {0} seconds and try again.")
                : Refused("chatbot", decision, "This assistant is very busy right now. Please try again in {0} seconds.");
        }
    }

    /// <summary>Takes <paramref name="inputs"/> permits from the workspace's embeddings bucket (<c>embeddings:&lt;workspaceId&gt;</c>),
    /// which always holds at least one request's worth.</summary>
    public async ValueTask CheckEmbeddingsAsync(string workspaceId, int inputs, Apis.OpenAi.EmbeddingsOptions limits)
    {
        if (!options.Value.Enabled || limits.InputsPerMinutePerWorkspace <= 0)
        {
            return;
        }

        var rule = RateRule.PerMinute(limits.InputsPerMinutePerWorkspace);
        var decision = await grains.GetGrain<IRateLimitGrain>("embeddings:" + workspaceId).TakeAsync(new RateTake
        {
            Rule = rule with { Capacity = Math.Max(rule.Capacity, limits.MaxInputs) },
            Permits = inputs,
        });
        if (!decision.Allowed)
        {
            throw Refused("embeddings", decision, "Too many texts embedded for this workspace. Retry after {0} seconds.");
        }
    }

    public async ValueTask CheckApiKeyAsync(string keyId, string workspaceId)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        var plan = await plans.PlanOfWorkspaceAsync(workspaceId);
        if (plan.Limits.ApiRequestsPerMinute <= 0)
        {
            return;
        }

        var decision = await grains.GetGrain<IRateLimitGrain>("apikey:" + keyId)
            .TakeAsync(new RateTake { Rule = RateRule.PerMinute(plan.Limits.ApiRequestsPerMinute) });
        if (!decision.Allowed)
        {
            throw Refused("apiKey", decision, "Too many requests with this API key. Retry after {0} seconds.");
        }
    }

    public async ValueTask CheckSignInAttemptAsync(IPAddress? address)
    {
        var settings = options.Value;
        if (!settings.Enabled || settings.AuthAttemptsPerMinute <= 0)
        {
            return;
        }

        var decision = await grains.GetGrain<IRateLimitGrain>("ip:" + AddressHash(address))
            .TakeAsync(new RateTake { Rule = RateRule.PerMinute(settings.AuthAttemptsPerMinute) });
        if (!decision.Allowed)
        {
            throw Refused("ip", decision, "Too many attempts from your network. Please wait {0} seconds and try again.");
        }
    }

    /// <summary>One sign-up attempt: counted against the client address and against the email address it names
    /// (hashed, like addresses, before it becomes a grain key). Throws <see cref="RateLimitExceededException"/> (429).</summary>
    public async ValueTask CheckRegistrationAsync(IPAddress? address, string normalizedEmail)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        if (settings.RegistrationsPerHourPerAddress > 0)
        {
            var byAddress = await grains.GetGrain<IRateLimitGrain>("register-ip:" + AddressHash(address))
                .TakeAsync(new RateTake { Rule = RateRule.PerHour(settings.RegistrationsPerHourPerAddress) });
            if (!byAddress.Allowed)
            {
                throw Refused("ip", byAddress, "Too many sign-ups from your network. Please wait {0} seconds and try again.");
            }
        }

        if (settings.RegistrationsPerHourPerEmail > 0)
        {
            var emailHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedEmail)).AsSpan(0, 12));
            var byEmail = await grains.GetGrain<IRateLimitGrain>("register-email:" + emailHash)
                .TakeAsync(new RateTake { Rule = RateRule.PerHour(settings.RegistrationsPerHourPerEmail) });
            if (!byEmail.Allowed)
            {
                throw Refused("email", byEmail, "Too many sign-ups with this email address. Please wait {0} seconds and try again.");
            }
        }
    }

    public static string BotShardKey(string botId, int shard) => $"bot:{botId}#{shard}";

    /// <summary>A shard for the key that every API node computes alike (string hash codes differ per process).</summary>
    public static int ShardOf(string key, int shards)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return (int)(BinaryPrimitives.ReadUInt32LittleEndian(hash) % (uint)shards);
    }

    /// <summary>Client addresses are hashed before they become grain keys (and so appear in logs and metrics).</summary>
    public static string AddressHash(IPAddress? address)
    {
        var bytes = (address?.IsIPv4MappedToIPv6 == true ? address.MapToIPv4() : address)?.GetAddressBytes() ?? [];
        return Convert.ToHexStringLower(SHA256.HashData(bytes).AsSpan(0, 12));
    }

    private static RateLimitExceededException Refused(string scope, RateDecision decision, string format)
    {
        var retryAfter = decision.RetryAfter == TimeSpan.MaxValue ? TimeSpan.FromMinutes(1) : decision.RetryAfter;
        return new RateLimitExceededException(scope, retryAfter,
            string.Format(System.Globalization.CultureInfo.InvariantCulture, format, RateLimitExceededException.WholeSeconds(retryAfter)));
    }
}
