using System.Security.Claims;
using ChatSphere.Api.Auth;
using ChatSphere.GrainInterfaces.Accounts;
using ChatSphere.GrainInterfaces.Conversations;
using ChatSphere.GrainInterfaces.Errors;

namespace ChatSphere.Api.Realtime;

/// <summary>
/// Who an agent is on a conversation (holder, author, viewer): a member by their profile's id and name, or an API key
/// (with the write scope) by its id, named "API".
/// </summary>
public sealed class AgentIdentity(IGrainFactory grains)
{
    public async Task<AgentRef> OfAsync(ClaimsPrincipal principal)
    {
        var caller = Caller.From(principal) ?? throw new UnauthenticatedException();
        if (caller.UserId is not { } userId)
        {
            return new AgentRef { Id = caller.ApiKeyId!, Name = "API" };
        }

        var profile = await grains.GetGrain<IUserGrain>(userId).GetProfileAsync() ?? throw new UnauthenticatedException();
        return new AgentRef { Id = profile.Id, Name = profile.Name };
    }
}
