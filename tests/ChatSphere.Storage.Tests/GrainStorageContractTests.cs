using ChatSphere.Storage.Tests.Grains;
using ChatSphere.Storage.Tests.Infrastructure;
using Orleans.Storage;

namespace ChatSphere.Storage.Tests;

/// <summary>
/// The grain storage queries (ReadFromStorageKey, WriteToStorageKey, ClearStorageKey, DeleteStorageKey) through
/// the silo's own IGrainStorage: ETags are versions, and a write or clear from a stale ETag changes nothing.
/// </summary>
public sealed class GrainStorageContractTests(SilosFixture silos) : IClassFixture<SilosFixture>
{
    private const string GrainType = "storage-probe";
    private static readonly GrainType ProbeType = Orleans.Runtime.GrainType.Create(GrainType);

    [Theory]
    [InlineData(Store.Postgres)]
    [InlineData(Store.Sqlite)]
    public async Task A_write_from_a_stale_etag_is_rejected_and_changes_nothing(Store kind)
    {
        var storage = silos.Storage(kind);
        var id = NewStringKey();
        var first = await ReadAsync(storage, id);
        var second = await ReadAsync(storage, id);
        Assert.Null(first.ETag);
        Assert.False(first.RecordExists);

        // Two first writes of the same grain: one inserts, the other finds the row there.
        first.State = new ProbeState { Value = "first", Writes = 1 };
        await storage.WriteStateAsync(GrainType, id, first);
        second.State = new ProbeState { Value = "second", Writes = 1 };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(GrainType, id, second));

        // Two writers from the same version: the first moves the version on, the second is stale.
        var stale = await ReadAsync(storage, id);
        Assert.Equal(first.ETag, stale.ETag);
        first.State = new ProbeState { Value = "first again", Writes = 2 };
        await storage.WriteStateAsync(GrainType, id, first);
        Assert.NotEqual(stale.ETag, first.ETag);
        stale.State = new ProbeState { Value = "stale", Writes = 99 };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(GrainType, id, stale));

        var stored = await ReadAsync(storage, id);
        Assert.Equal(new ProbeState { Value = "first again", Writes = 2 }, stored.State);
        Assert.Equal(first.ETag, stored.ETag);
        Assert.True(stored.RecordExists);
    }

    [Theory]
    [InlineData(Store.Postgres)]
    [InlineData(Store.Sqlite)]
    public async Task A_write_naming_a_version_of_a_row_that_is_gone_is_rejected(Store kind)
    {
        var storage = silos.Storage(kind);
        var id = NewStringKey();
        var state = await ReadAsync(storage, id);
        state.State = new ProbeState { Value = "v", Writes = 1 };
        await storage.WriteStateAsync(GrainType, id, state);
        await Sql.ExecuteAsync(silos.Store(kind).Database, "DELETE FROM orleans_storage WHERE grain_id_extension = @key", ("key", id.Key.ToString()));

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(GrainType, id, state));
        Assert.Equal(0, await Sql.ScalarAsync(silos.Store(kind).Database, "SELECT COUNT(*) FROM orleans_storage WHERE grain_id_extension = @key", ("key", id.Key.ToString())));
    }

    [Theory]
    [InlineData(Store.Postgres)]
    [InlineData(Store.Sqlite)]
    public async Task Clear_keeps_a_versioned_empty_row_and_refuses_a_stale_etag(Store kind)
    {
        var storage = silos.Storage(kind, SilosFixture.KeepingStorageName);
        var id = NewStringKey();
        var state = await ReadAsync(storage, id);
        state.State = new ProbeState { Value = "to clear", Writes = 1 };
        await storage.WriteStateAsync(GrainType, id, state);
        var stale = await ReadAsync(storage, id);
        state.State = new ProbeState { Value = "newer", Writes = 2 };
        await storage.WriteStateAsync(GrainType, id, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(GrainType, id, stale));
        Assert.Equal("newer", (await ReadAsync(storage, id)).State!.Value);

        var etagBefore = state.ETag;
        await storage.ClearStateAsync(GrainType, id, state);
        Assert.False(state.RecordExists);
        Assert.NotNull(state.ETag);
        Assert.NotEqual(etagBefore, state.ETag);

        var cleared = await ReadAsync(storage, id);
        Assert.False(cleared.RecordExists);
        Assert.Equal(new ProbeState(), cleared.State);
        Assert.Equal(state.ETag, cleared.ETag);

        // The grain goes on writing from the version the clear gave it.
        cleared.State = new ProbeState { Value = "after clear", Writes = 1 };
        await storage.WriteStateAsync(GrainType, id, cleared);
        Assert.Equal("after clear", (await ReadAsync(storage, id)).State!.Value);
    }

    [Theory]
    [InlineData(Store.Postgres)]
    [InlineData(Store.Sqlite)]
    public async Task Clear_with_delete_on_clear_removes_the_row_and_refuses_a_stale_etag(Store kind)
    {
        var storage = silos.Storage(kind, SilosFixture.DeletingStorageName);
        var id = NewStringKey();
        var state = await ReadAsync(storage, id);
        state.State = new ProbeState { Value = "to delete", Writes = 1 };
        await storage.WriteStateAsync(GrainType, id, state);
        var stale = await ReadAsync(storage, id);
        state.State = new ProbeState { Value = "newer", Writes = 2 };
        await storage.WriteStateAsync(GrainType, id, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(GrainType, id, stale));
        await storage.ClearStateAsync(GrainType, id, state);

        Assert.Null(state.ETag);
        var gone = await ReadAsync(storage, id);
        Assert.False(gone.RecordExists);
        Assert.Null(gone.ETag);
        Assert.Equal(0, await Sql.ScalarAsync(silos.Store(kind).Database, "SELECT COUNT(*) FROM orleans_storage WHERE grain_id_extension = @key", ("key", id.Key.ToString())));
    }

    [Theory]
    [InlineData(Store.Postgres)]
    [InlineData(Store.Sqlite)]
    public async Task Integer_guid_and_string_keys_with_and_without_extensions_are_distinct_rows(Store kind)
    {
        var storage = silos.Storage(kind);
        var guid = Guid.NewGuid();
        var number = Random.Shared.NextInt64(1, long.MaxValue);
        var ids = new[]
        {
            GrainId.Create(ProbeType, GrainIdKeyExtensions.CreateIntegerKey(number)),
            GrainId.Create(ProbeType, GrainIdKeyExtensions.CreateIntegerKey(number, "a")),
            GrainId.Create(ProbeType, GrainIdKeyExtensions.CreateIntegerKey(number, "b")),
            GrainId.Create(ProbeType, GrainIdKeyExtensions.CreateGuidKey(guid)),
            GrainId.Create(ProbeType, GrainIdKeyExtensions.CreateGuidKey(guid, "a")),
            GrainId.Create(GrainType, "string-key-" + number),
        };

        foreach (var id in ids)
        {
            var state = await ReadAsync(storage, id);
            state.State = new ProbeState { Value = id.ToString() };
            await storage.WriteStateAsync(GrainType, id, state);
        }

        foreach (var id in ids)
        {
            Assert.Equal(id.ToString(), (await ReadAsync(storage, id)).State!.Value);
        }

        // The same grain id under another state type is another row.
        var other = new GrainState<ProbeState>();
        await storage.ReadStateAsync("another-probe", ids[0], other);
        Assert.False(other.RecordExists);

        var rows = await Sql.QueryAsync(silos.Store(kind).Database,
            "SELECT grain_id_n0, grain_id_n1, grain_id_extension FROM orleans_storage WHERE grain_id_n1 = @n OR grain_id_extension = @s",
            ("n", number), ("s", "string-key-" + number));
        Assert.Contains(rows, r => Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture) == number && r[2] is null);
        Assert.Contains(rows, r => Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture) == number && (string?)r[2] == "a");
    }

    // Not a bare Guid or number, which Orleans would store as a Guid or integer key.
    private static GrainId NewStringKey() => GrainId.Create(GrainType, "probe-" + Guid.NewGuid().ToString("N"));

    private static async Task<GrainState<ProbeState>> ReadAsync(IGrainStorage storage, GrainId id)
    {
        var state = new GrainState<ProbeState>();
        await storage.ReadStateAsync(GrainType, id, state);
        return state;
    }
}
