namespace ChatSphere.Api.Auth;

/// <summary>
/// Authorises an endpoint against the workspace its route addresses, in this order: <c>{conversationId}</c> (its
/// bot's workspace), <c>{botId}</c> (the bot's workspace; an API key limited to another bot is refused),
/// <c>{workspaceId}</c>, the <c>workspaceId</c> query parameter, else the caller's only workspace. The outcome is kept
/// for the handler (<see cref="WorkspaceAccessEndpointExtensions.GetWorkspaceAccess"/>).
/// </summary>
public sealed class WorkspaceAccessFilter(Permission permission, bool allowVisitors) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (allowVisitors && !BearerTokens.Present(http.Request))
        {
            return await next(context);
        }

        if (Caller.From(http.User) is null)
        {
            // Visitor endpoints get here with a credential that did not authenticate: refuse rather than treat as a visitor.
            throw new UnauthenticatedException();
        }

        var authorizer = http.RequestServices.GetRequiredService<WorkspaceAuthorizer>();
        var route = http.Request.RouteValues;
        var access = route.TryGetValue("conversationId", out var conversationId) && conversationId is string conversation
            ? await authorizer.ForConversationAsync(http.User, conversation, permission)
            : route.TryGetValue("botId", out var botId) && botId is string bot
                ? await authorizer.ForChatbotAsync(http.User, bot, permission)
                : route.TryGetValue("workspaceId", out var workspaceId) && workspaceId is string workspace
                    ? await authorizer.ForWorkspaceAsync(http.User, workspace, permission)
                    : await authorizer.ForWorkspaceAsync(
                        http.User,
                        http.Request.Query["workspaceId"].ToString() is { Length: > 0 } queried ? queried : await authorizer.DefaultWorkspaceAsync(http.User),
                        permission);
        http.Items[WorkspaceAccess.ItemKey] = access;
        return await next(context);
    }
}
