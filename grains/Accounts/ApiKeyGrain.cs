using ChatSphere.GrainInterfaces.Accounts;
using ChatSphere.GrainInterfaces.Errors;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace ChatSphere.Grains.Accounts;

/// <summary>
/// One API key: the truth about whether it works, asked on every request that presents it. The last-used time is
/// kept exact in memory and written at most every <see cref="LastUsedWriteInterval"/> (and on deactivation), so
/// a busy key costs no write per request.
/// </summary>
public sealed partial class ApiKeyGrain(
    [PersistentState("apikey", GrainStorage.Name)] IPersistentState<ApiKeyState> state,
    TimeProvider clock,
    ILogger<ApiKeyGrain> logger) : Grain, IApiKeyGrain
{
    public static readonly TimeSpan LastUsedWriteInterval = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxOverlap = TimeSpan.FromDays(7);

    private readonly ObserverManager<IApiKeyObserver> _observers = new(TimeSpan.FromMinutes(5), logger);
    private DateTimeOffset? _lastUsedWritten;

    private string KeyId => this.GetPrimaryKeyString();

    public async Task<IssuedApiKey> CreateAsync(string workspaceId, ApiKeySpec spec)
    {
        if (state.State.Key is not null)
        {
            throw new ConflictException($"API key '{KeyId}' already exists.");
        }

        var secret = AccountTokens.NewSecret();
        state.State.Key = new ApiKeyInfo
        {
            Id = KeyId,
            WorkspaceId = workspaceId,
            Name = spec.Name,
            Prefix = ApiKeyTokens.Prefix(KeyId),
            Scopes = spec.Scopes,
            BotId = spec.BotId,
            CreatedAt = clock.GetUtcNow(),
            ExpiresAt = spec.ExpiresAt,
            CreatedBy = spec.CreatedBy,
        };
        state.State.SecretHash = AccountTokens.Hash(secret);
        await state.WriteStateAsync();
        return new IssuedApiKey(state.State.Key, ApiKeyTokens.Format(KeyId, secret));
    }

    public Task<ApiKeyInfo?> GetAsync() => Task.FromResult(state.State.Key);

    public async Task<ApiKeyGrant?> AuthenticateAsync(string secret)
    {
        if (state.State.Key is not { RevokedAt: null } key)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (key.ExpiresAt <= now)
        {
            return null;
        }

        var current = AccountTokens.Matches(secret, state.State.SecretHash);
        if (!current && !(key.PreviousSecretExpiresAt > now && AccountTokens.Matches(secret, state.State.PreviousSecretHash)))
        {
            return null;
        }

        state.State.Key = key with { LastUsedAt = now };
        if (_lastUsedWritten is null || now - _lastUsedWritten >= LastUsedWriteInterval)
        {
            _lastUsedWritten = now;
            await state.WriteStateAsync();
        }

        return new ApiKeyGrant { KeyId = KeyId, WorkspaceId = key.WorkspaceId, Scopes = key.Scopes, BotId = key.BotId };
    }

    public async Task<IssuedApiKey> RotateAsync(TimeSpan overlap)
    {
        var key = Live();
        if (overlap < TimeSpan.Zero || overlap > MaxOverlap)
        {
            throw new ValidationFailedException("overlapSeconds", $"Must be between 0 and {(int)MaxOverlap.TotalSeconds}.");
        }

        var now = clock.GetUtcNow();
        var secret = AccountTokens.NewSecret();
        state.State.PreviousSecretHash = overlap > TimeSpan.Zero ? state.State.SecretHash : null;
        state.State.SecretHash = AccountTokens.Hash(secret);
        state.State.Key = key with { RotatedAt = now, PreviousSecretExpiresAt = overlap > TimeSpan.Zero ? now + overlap : null };
        await state.WriteStateAsync();
        LogRotated(KeyId, key.WorkspaceId, overlap);
        return new IssuedApiKey(state.State.Key, ApiKeyTokens.Format(KeyId, secret));
    }

    public async Task<bool> RevokeAsync()
    {
        if (state.State.Key is not { RevokedAt: null } key)
        {
            return false;
        }

        state.State.Key = key with { RevokedAt = clock.GetUtcNow(), PreviousSecretExpiresAt = null };
        state.State.SecretHash = null;
        state.State.PreviousSecretHash = null;
        await state.WriteStateAsync();
        LogRevoked(KeyId, key.WorkspaceId, _observers.Count);
        await _observers.Notify(o => o.OnRevokedAsync(KeyId));
        return true;
    }

    public Task SubscribeAsync(IApiKeyObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IApiKeyObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (state.State.Key?.LastUsedAt is { } used && used != _lastUsedWritten)
        {
            await state.WriteStateAsync(cancellationToken);
        }
    }

    private ApiKeyInfo Live() => state.State.Key is { RevokedAt: null } key ? key : throw new NotFoundException("API key", KeyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "API key {KeyId} of workspace {WorkspaceId} rotated; the old secret works for {Overlap}")]
    private partial void LogRotated(string keyId, string workspaceId, TimeSpan overlap);

    [LoggerMessage(Level = LogLevel.Information, Message = "API key {KeyId} of workspace {WorkspaceId} revoked; telling {Nodes} node(s)")]
    private partial void LogRevoked(string keyId, string workspaceId, int nodes);
}
