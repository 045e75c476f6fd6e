using ChatSphere.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace ChatSphere.Storage.Tests.Infrastructure;

/// <summary>
/// One running silo per store (PostgreSQL cluster shape, SQLite embedded shape), shared by a test class.
/// Besides the product's storage "chat", each has a provider "chat-delete" that deletes rows on clear.
/// </summary>
public sealed class SilosFixture : IAsyncLifetime
{
    public const string DeletingStorageName = "chat-delete";

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
                builder.Services.AddAdoNetGrainStorage(DeletingStorageName, o =>
                {
                    o.Invariant = store.OrleansInvariant;
                    o.ConnectionString = store.Database.ConnectionString;
                    o.DeleteStateOnClear = true;
                }));
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
