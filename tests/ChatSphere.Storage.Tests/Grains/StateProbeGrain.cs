using ChatSphere.Silo.Hosting;

namespace ChatSphere.Storage.Tests.Grains;

/// <summary>A grain whose only job is to keep a small state in the silo's ADO.NET grain storage ("chat").</summary>
[Alias("ChatSphere.Storage.Tests.IStateProbeGrain")]
public interface IStateProbeGrain : IGrainWithStringKey
{
    /// <summary>Sets the value, counts the write and stores the state; returns the new ETag.</summary>
    [Alias("Set")]
    Task<string?> SetAsync(string value);

    /// <summary>The state as stored: read again from the database, not the activation's copy.</summary>
    [Alias("Reload")]
    Task<ProbeSnapshot> ReloadAsync();

    [Alias("Clear")]
    Task ClearAsync();
}

[GenerateSerializer, Immutable, Alias("ChatSphere.Storage.Tests.ProbeState")]
public sealed record ProbeState
{
    [Id(0)] public string Value { get; init; } = "";
    [Id(1)] public int Writes { get; init; }
}

[GenerateSerializer, Immutable, Alias("ChatSphere.Storage.Tests.ProbeSnapshot")]
public sealed record ProbeSnapshot([property: Id(0)] ProbeState State, [property: Id(1)] string? ETag, [property: Id(2)] bool RecordExists);

public sealed class StateProbeGrain(
    [PersistentState("state", ChatSphereTopology.GrainStorageName)] IPersistentState<ProbeState> state) : Grain, IStateProbeGrain
{
    public async Task<string?> SetAsync(string value)
    {
        state.State = state.State with { Value = value, Writes = state.State.Writes + 1 };
        await state.WriteStateAsync();
        return state.Etag;
    }

    public async Task<ProbeSnapshot> ReloadAsync()
    {
        await state.ReadStateAsync();
        return new ProbeSnapshot(state.State, state.Etag, state.RecordExists);
    }

    public Task ClearAsync() => state.ClearStateAsync();
}
