using ChatSphere.GrainInterfaces.Accounts;
using ChatSphere.Api.Realtime;
using Microsoft.AspNetCore.SignalR;

namespace ChatSphere.Api.Auth;

/// <summary>
/// This node's hub connections opened with an API key, and the node's observer of those keys. When a key is revoked
/// its grain tells every subscribed node, which aborts the key's connections at once. A timer renews the subscriptions
/// and re-checks each key's credential, so a notification lost with a grain that moved, or a rotation overlap that
/// ended, still closes the connections within <see cref="RenewEvery"/>.
/// </summary>
public sealed partial class ApiKeyConnections(IGrainFactory grains, ILogger<ApiKeyConnections> logger) : RenewingService(RenewEvery), IApiKeyObserver
{
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, Dictionary<string, HubCallerContext>> _byKey = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private IApiKeyObserver? _reference;

    /// <summary>This node's observer reference (held here: Orleans keeps observer objects only weakly).</summary>
    private IApiKeyObserver Reference => _reference ??= grains.CreateObjectReference<IApiKeyObserver>(this);

    public async Task TrackAsync(string keyId, HubCallerContext connection)
    {
        lock (_gate)
        {
            if (!_byKey.TryGetValue(keyId, out var connections))
            {
                _byKey[keyId] = connections = new Dictionary<string, HubCallerContext>(StringComparer.Ordinal);
            }

            connections[connection.ConnectionId] = connection;
        }

        await grains.GetGrain<IApiKeyGrain>(keyId).SubscribeAsync(Reference);
    }

    /// <summary>Whether the key secret the connection was opened with still works (not revoked, expired or rotated out).</summary>
    public async Task<bool> StillValidAsync(HubCallerContext connection) =>
        Caller.From(connection.User) is { ApiKeyId: { } keyId } && SecretOf(connection) is { } secret
        && await grains.GetGrain<IApiKeyGrain>(keyId).AuthenticateAsync(secret) is not null;

    public void Untrack(string keyId, string connectionId)
    {
        lock (_gate)
        {
            if (_byKey.TryGetValue(keyId, out var connections) && connections.Remove(connectionId) && connections.Count == 0)
            {
                // The grain's subscription lapses by itself; a revocation meanwhile finds nothing to close.
                _byKey.Remove(keyId);
            }
        }
    }

    public Task OnRevokedAsync(string keyId)
    {
        var closed = Abort(keyId, _ => true);
        LogClosed(keyId, closed);
        return Task.CompletedTask;
    }

    protected override async Task RenewAsync()
    {
        List<(string KeyId, HubCallerContext[] Connections)> keys;
        lock (_gate)
        {
            keys = _byKey.Select(k => (k.Key, k.Value.Values.ToArray())).ToList();
        }

        foreach (var (keyId, connections) in keys)
        {
            try
            {
                var grain = grains.GetGrain<IApiKeyGrain>(keyId);
                await grain.SubscribeAsync(Reference);
                foreach (var secret in connections.Select(SecretOf).Distinct())
                {
                    if (secret is null || await grain.AuthenticateAsync(secret) is null)
                    {
                        var closed = Abort(keyId, c => SecretOf(c) == secret);
                        LogClosed(keyId, closed);
                    }
                }
            }
            catch (Exception exception)
            {
                LogRenewFailed(exception, keyId);
            }
        }
    }

    private int Abort(string keyId, Func<HubCallerContext, bool> which)
    {
        HubCallerContext[] doomed;
        lock (_gate)
        {
            doomed = _byKey.TryGetValue(keyId, out var connections) ? connections.Values.Where(which).ToArray() : [];
        }

        foreach (var connection in doomed)
        {
            connection.Abort();
        }

        return doomed.Length;
    }

    /// <summary>The key secret the connection was opened with, read again from its request.</summary>
    private static string? SecretOf(HubCallerContext connection) =>
        connection.GetHttpContext() is { } http ? ApiKeyTokens.Parse(BearerTokens.Find(http.Request))?.Secret : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "API key {KeyId} no longer works: closed {Count} hub connection(s) on this node")]
    private partial void LogClosed(string keyId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the hub connections of API key {KeyId}")]
    private partial void LogRenewFailed(Exception exception, string keyId);
}
