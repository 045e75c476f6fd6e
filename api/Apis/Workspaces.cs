namespace ChatSphere.Api.Apis;

/// <summary>Until accounts exist, every caller's only workspace is this one.</summary>
public static class Workspaces
{
    public const string DefaultId = "default";
}
