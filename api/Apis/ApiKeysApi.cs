using ChatSphere.Api.Audit;
using ChatSphere.Api.Auth;
using ChatSphere.Api.Contracts;
using ChatSphere.GrainInterfaces.Accounts;
using ChatSphere.GrainInterfaces.Errors;
using ChatSphere.GrainInterfaces.Workspaces;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ChatSphere.Api.Apis;

/// <summary>API keys of a workspace: create (the secret is shown once), list, rotate with an overlap, revoke at once.</summary>
public static class ApiKeysApi
{
    public static readonly TimeSpan DefaultOverlap = TimeSpan.FromDays(1);

    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/workspaces/{workspaceId}/api-keys").WithTags("API keys").RequireWorkspaceAccess(Permission.ManageApiKeys);
        api.MapGet("/", ListAsync).WithName("ListApiKeys").WithSummary("The workspace's live API keys (never their secrets)");
        api.MapPost("/", CreateAsync).WithName("CreateApiKey")
            .WithSummary("Create a key with scopes (chat, read, write, admin), optionally limited to one chatbot; the secret is shown once")
            .WithDescription("An API key (with the admin scope) may create keys only with scopes it has itself and never admin, limited to its "
                + "own chatbot when it is limited to one; otherwise 403. The creator is recorded in createdBy.")
            .ProducesValidationProblem();
        api.MapDelete("/{keyId}", RevokeAsync).WithName("RevokeApiKey")
            .WithSummary("Revoke a key: it stops working at once on every node, and its live hub connections close")
            .WithDescription("Keys the revoked key created (and keys they created) are revoked with it.");
        api.MapPost("/{keyId}/rotate", RotateAsync).WithName("RotateApiKey")
            .WithSummary("Issue a new secret; the old one keeps working for overlapSeconds (default 86400)").ProducesValidationProblem();
        return app;
    }

    public static async Task<Ok<Page<ApiKeyResponse>>> ListAsync(HttpContext http, IGrainFactory grains)
    {
        var keys = await grains.GetGrain<IWorkspaceGrain>(http.GetWorkspaceAccess().WorkspaceId).ListApiKeysAsync();
        return TypedResults.Ok(new Page<ApiKeyResponse>(keys.Select(ApiKeyResponse.From).ToArray(), null));
    }

    public static async Task<Created<IssuedApiKeyResponse>> CreateAsync(HttpContext http, CreateApiKeyRequest request, IGrainFactory grains, AuditTrail audit)
    {
        var access = http.GetWorkspaceAccess();
        var scopes = ApiKeyScopeNames.Parse(request.Scopes ?? []) ?? throw new ValidationFailedException("scopes", "Must name one or more of chat, read, write, admin.");
        EnsureKeyMayMint(access.Caller, scopes, request.BotId);
        var issued = await grains.GetGrain<IWorkspaceGrain>(access.WorkspaceId).CreateApiKeyAsync(new ApiKeySpec
        {
            Name = request.Name ?? "",
            Scopes = scopes,
            BotId = request.BotId,
            ExpiresAt = request.ExpiresAt,
            CreatedBy = access.Caller.Actor,
        });
        await audit.RecordAsync(http, access.WorkspaceId, "apikey.created", "apikey", issued.Key.Id,
            AuditChanges.Between(null, new { issued.Key.Name, scopes = request.Scopes, issued.Key.BotId, issued.Key.ExpiresAt }));
        return TypedResults.Created($"/api/v1/workspaces/{access.WorkspaceId}/api-keys/{issued.Key.Id}", IssuedApiKeyResponse.From(issued));
    }

    /// <summary>
    /// The rule for keys made by keys: an API key may create keys only with scopes it has itself, never <c>admin</c>, and, when
    /// it is limited to one chatbot, only keys limited to that chatbot. (People with the admin role are not limited.) The
    /// new key records its creator, and revoking a key revokes every key it created.
    /// </summary>
    private static void EnsureKeyMayMint(Caller caller, ApiKeyScopes scopes, string? botId)
    {
        if (caller.ApiKeyId is null)
        {
            return;
        }

        if (scopes.HasFlag(ApiKeyScopes.Admin) || (scopes & ~caller.Scopes) != 0)
        {
            throw new ForbiddenException("scopes: an API key may create keys only with scopes it has itself, and never admin.");
        }

        if (caller.KeyBotId is { } only && botId != only)
        {
            throw new ForbiddenException($"botId: this API key is limited to chatbot '{only}', and so are the keys it creates.");
        }
    }

    public static async Task<Results<NoContent, NotFound>> RevokeAsync(HttpContext http, string keyId, IGrainFactory grains, AuditTrail audit)
    {
        var workspaceId = http.GetWorkspaceAccess().WorkspaceId;
        if (!await grains.GetGrain<IWorkspaceGrain>(workspaceId).RevokeApiKeyAsync(keyId))
        {
            return TypedResults.NotFound();
        }

        await audit.RecordAsync(http, workspaceId, "apikey.revoked", "apikey", keyId);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<IssuedApiKeyResponse>> RotateAsync(HttpContext http, string keyId, RotateApiKeyRequest? request, IGrainFactory grains, AuditTrail audit)
    {
        var overlap = request?.OverlapSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : DefaultOverlap;
        var workspaceId = http.GetWorkspaceAccess().WorkspaceId;
        var issued = await grains.GetGrain<IWorkspaceGrain>(workspaceId).RotateApiKeyAsync(keyId, overlap);
        await audit.RecordAsync(http, workspaceId, "apikey.rotated", "apikey", keyId, AuditChanges.Of("overlapSeconds", null, ((int)overlap.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return TypedResults.Ok(IssuedApiKeyResponse.From(issued));
    }
}
