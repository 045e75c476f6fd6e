using ChatSphere.GrainInterfaces;
using Microsoft.AspNetCore.SignalR;

namespace ChatSphere.Api.Validation;

/// <summary>
/// The hubs' side of <see cref="ControlCharacterJsonConverter"/>: an invocation whose text arguments (strings, and the
/// keys and values of string maps such as a lead form) hold a control character fails with a <see cref="HubException"/>
/// naming the argument; the connection stays.
/// </summary>
public sealed class ControlCharacterHubFilter : IHubFilter
{
    public ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var parameters = invocation.HubMethod.GetParameters();
        for (var i = 0; i < invocation.HubMethodArguments.Count && i < parameters.Length; i++)
        {
            if (HasControlCharacter(invocation.HubMethodArguments[i]))
            {
                throw new HubException($"{parameters[i].Name}: {ControlCharacters.Problem}");
            }
        }

        return next(invocation);
    }

    private static bool HasControlCharacter(object? argument) => argument switch
    {
        string text => ControlCharacters.Contains(text),
        IEnumerable<KeyValuePair<string, string>> map => map.Any(p => ControlCharacters.Contains(p.Key) || ControlCharacters.Contains(p.Value ?? "")),
        IEnumerable<string> list => list.Any(s => s is not null && ControlCharacters.Contains(s)),
        _ => false,
    };
}
