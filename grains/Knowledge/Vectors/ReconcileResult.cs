namespace ChatSphere.Grains.Knowledge.Vectors;

/// <summary>
/// What reconciling a namespace with the chunk table changed: records removed and records (re)applied; <see cref="Reset"/>
/// when the namespace was dropped first (unreadable, or made by another embedding model).
/// </summary>
public sealed record ReconcileResult(int Removed, int Applied, bool Reset = false)
{
    public static readonly ReconcileResult None = new(0, 0);
}
