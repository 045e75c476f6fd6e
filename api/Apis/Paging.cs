using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Errors;

namespace ChatSphere.Api.Apis;

/// <summary>The shared rules of list routes (<c>?limit=&amp;cursor=</c>) and of ids in routes.</summary>
public static class Paging
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static int Limit(int? limit) => limit switch
    {
        null => DefaultLimit,
        < 1 or > MaxLimit => throw new ValidationFailedException("limit", $"Must be between 1 and {MaxLimit}."),
        _ => limit.Value,
    };

    /// <summary>Throws 404 for an id that cannot exist, so grains are never activated for junk.</summary>
    public static string Id(string id, string resource) =>
        Ids.IsWellFormed(id) ? id : throw new NotFoundException(resource, id.Length > 64 ? id[..64] : id);
}
