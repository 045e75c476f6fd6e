namespace ChatSphere.Api.Auth;

/// <summary>
/// One line per endpoint (or group) declares what it needs:
/// <c>group.RequireWorkspaceAccess(Permission.EditBots)</c>. See <see cref="WorkspaceAccessFilter"/> for how the
/// workspace is found from the route.
/// </summary>
public static class WorkspaceAccessEndpointExtensions
{
    /// <summary>An authenticated caller (user or API key) with <paramref name="permission"/> in the addressed workspace.</summary>
    public static TBuilder RequireWorkspaceAccess<TBuilder>(this TBuilder builder, Permission permission) where TBuilder : IEndpointConventionBuilder
    {
        builder.RequireAuthorization();
        builder.AddEndpointFilter(new WorkspaceAccessFilter(permission, allowVisitors: false));
        builder.ProducesAuthProblems();
        return builder;
    }

    /// <summary>Anonymous visitors pass; a request that carries a credential must have <paramref name="permission"/> (widget paths).</summary>
    public static TBuilder AllowVisitorsOrWorkspaceAccess<TBuilder>(this TBuilder builder, Permission permission) where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(new WorkspaceAccessFilter(permission, allowVisitors: true));
        builder.WithMetadata(new WorkspaceAccessFilterMarker());
        return builder;
    }

    /// <summary>A signed-in person (JWT): API keys are refused with 403.</summary>
    public static TBuilder RequireUser<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.RequireAuthorization(ChatSphereAuthExtensions.UserPolicy);
        builder.ProducesAuthProblems();
        return builder;
    }

    /// <summary>What <see cref="WorkspaceAccessFilter"/> decided for this request.</summary>
    public static WorkspaceAccess GetWorkspaceAccess(this HttpContext http) =>
        http.Items.TryGetValue(WorkspaceAccess.ItemKey, out var access) && access is WorkspaceAccess decided
            ? decided
            : throw new InvalidOperationException("The endpoint has no RequireWorkspaceAccess filter.");

    private static void ProducesAuthProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(
            new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]),
            new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
}
