namespace ChatSphere.Grains.Knowledge.Vectors;

/// <summary>What reconciling a namespace with the chunk table changed: records removed and records (re)applied.</summary>
public sealed record ReconcileResult(int Removed, int Applied);
