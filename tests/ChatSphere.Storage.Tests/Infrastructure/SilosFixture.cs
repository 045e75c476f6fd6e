using ChatSphere.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace ChatSphere.Storage.Tests.Infrastructure;

/// <summary>
/// One running silo per store (PostgreSQL cluster shape, SQLite embedded shape), shared by a test class.
/// Besides the product's storage "chat" (which deletes a cleared state's row), each has a provider "chat-delete" that
/// does the same, named apart, and "chat-keep" that keeps a versioned empty row on clear (the provider's other mode).
/// </summary>
public sealed class SilosFixture : IAsyncLifetime
{
    public const string DeletingStorageName = "chat-delete";

    public const string KeepingStorageName = "chat-keep";

    private readonly Dictionary<Store, (TestStore Store, TestSilo Silo)> _silos = [];

    public TestStore Store(Store kind) => _silos[kind].Store;

    public TestSilo Silo(Store kind) => _silos[kind].Silo;

    public IGrainStorage Storage(Store kind, string name = ChatSphereTopology.GrainStorageName) =>
        Silo(kind).Services.GetRequiredKeyedService<IGrainStorage>(name);

    public async Task InitializeAsync()
    {
        foreach (var kind in Enum.GetValues<Store>())
        {
            var store = await TestStore.CreateAsync(kind);
            var silo = await TestSilo.StartAsync(store.SiloSettings(), builder =>
            {
                foreach (var (name, deleteOnClear) in new[] { (DeletingStorageName, true), (KeepingStorageName, false) })
                {
                    builder.Services.AddAdoNetGrainStorage(name, o =>
                    {
                        o.Invariant = store.OrleansInvariant;
                        o.ConnectionString = store.Database.ConnectionString;
                        o.DeleteStateOnClear = deleteOnClear;
                    });
                }
            });
            _silos[kind] = (store, silo);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var (store, silo) in _silos.Values)
        {
            await silo.DisposeAsync();
            await store.DisposeAsync();
        }
    }
}
