namespace ChatSphere.Grains;

/// <summary>The grain storage every stateful grain persists to (registered by the silo set-up under this name).</summary>
public static class GrainStorage
{
    /// <summary>The storage provider's name, as <c>[PersistentState("user", GrainStorage.Name)]</c> names it.</summary>
    public const string Name = "chat";
}
