using System.Net;
using ChatSphere.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Runtime.Membership;
using Orleans.Runtime.MembershipService;

namespace ChatSphere.Storage.Tests;

/// <summary>
/// The clustering queries on PostgreSQL through Orleans' own AdoNetClusteringTable and AdoNetGatewayListProvider:
/// every change names the table version it read, and only one writer per version wins.
/// </summary>
public sealed class MembershipTableContractTests : IAsyncLifetime
{
    private readonly TestPostgres _postgres = new();
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        // A session time zone far from UTC: times must round-trip as instants whatever the server's setting.
        _connectionString = new NpgsqlConnectionStringBuilder(await _postgres.CreateDatabaseAsync()) { Timezone = "Pacific/Chatham" }.ConnectionString;
        await TestSchema.ApplyPostgresAsync(_connectionString);
    }

    public async Task DisposeAsync() => await _postgres.DisposeAsync();

    [Fact]
    public async Task Rows_are_inserted_and_updated_only_from_the_current_table_version()
    {
        var table = await TableAsync("versions");
        await table.InitializeMembershipTableAsync(true); // a second start finds the version row there
        var empty = await table.ReadAllAsync();
        Assert.Empty(empty.Members);
        Assert.Equal(0, empty.Version.Version);

        var a = Entry(1001, SiloStatus.Active, proxyPort: 2001);
        var b = Entry(1002, SiloStatus.Joining, proxyPort: 2002);
        Assert.True(await table.InsertRowAsync(a, Next(empty.Version)));
        Assert.False(await table.InsertRowAsync(b, Next(empty.Version))); // read before a's insert: stale

        var one = await table.ReadAllAsync();
        Assert.Equal(1, one.Version.Version);
        var (stored, etag) = Assert.Single(one.Members);
        Assert.Equal(one.Version.VersionEtag, etag);
        Assert.Equal(a.SiloAddress, stored.SiloAddress);
        Assert.Equal(a.SiloName, stored.SiloName);
        Assert.Equal(a.HostName, stored.HostName);
        Assert.Equal(SiloStatus.Active, stored.Status);
        Assert.Equal(2001, stored.ProxyPort);
        AssertSameTime(a.StartTime, stored.StartTime);
        AssertSameTime(a.IAmAliveTime, stored.IAmAliveTime);

        Assert.False(await table.InsertRowAsync(a, Next(one.Version))); // the same silo twice
        Assert.Equal(1, (await table.ReadAllAsync()).Version.Version);
        Assert.True(await table.InsertRowAsync(b, Next(one.Version)));

        var two = await table.ReadAllAsync();
        b.Status = SiloStatus.Active;
        b.SuspectTimes = [Tuple.Create(a.SiloAddress, DateTime.UtcNow.AddSeconds(-3)), Tuple.Create(a.SiloAddress, DateTime.UtcNow)];
        Assert.False(await table.UpdateRowAsync(b, one.Version.VersionEtag, one.Version)); // stale version
        Assert.True(await table.UpdateRowAsync(b, two.Version.VersionEtag, Next(two.Version)));

        var row = await table.ReadRowAsync(b.SiloAddress);
        Assert.Equal(3, row.Version.Version);
        var updated = Assert.Single(row.Members).Item1;
        Assert.Equal(SiloStatus.Active, updated.Status);
        Assert.NotNull(updated.SuspectTimes);
        Assert.Equal(2, updated.SuspectTimes.Count);
        Assert.All(updated.SuspectTimes, s => Assert.Equal(a.SiloAddress, s.Item1));
        // Suspect times travel as Orleans' own text (its parser leaves the kind unspecified).
        Assert.True(Math.Abs((b.SuspectTimes![1].Item2 - updated.SuspectTimes[1].Item2).TotalMilliseconds) < 1);

        var unknown = await table.ReadRowAsync(SiloAddress.New(IPAddress.Loopback, 9999, 1));
        Assert.Empty(unknown.Members);
        Assert.Equal(3, unknown.Version.Version);
    }

    [Fact]
    public async Task I_am_alive_changes_the_time_and_not_the_version()
    {
        var table = await TableAsync("alive");
        var a = Entry(1001, SiloStatus.Active, proxyPort: 2001);
        Assert.True(await table.InsertRowAsync(a, Next((await table.ReadAllAsync()).Version)));

        a.IAmAliveTime = DateTime.UtcNow.AddMinutes(5);
        await table.UpdateIAmAliveAsync(a);

        var row = await table.ReadRowAsync(a.SiloAddress);
        Assert.Equal(1, row.Version.Version);
        AssertSameTime(a.IAmAliveTime, Assert.Single(row.Members).Item1.IAmAliveTime);
    }

    [Fact]
    public async Task Of_many_writers_from_one_version_exactly_one_wins()
    {
        var table = await TableAsync("race");
        var version = Next((await table.ReadAllAsync()).Version);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => table.InsertRowAsync(Entry(3000 + i, SiloStatus.Joining, proxyPort: 4000 + i), version))));

        Assert.Equal(1, results.Count(r => r));
        var after = await table.ReadAllAsync();
        Assert.Single(after.Members);
        Assert.Equal(1, after.Version.Version);
    }

    [Fact]
    public async Task Gateways_are_the_active_silos_with_a_proxy_port_of_this_cluster()
    {
        var table = await TableAsync("gateways");
        var others = await TableAsync("someone-else");
        var active = Entry(1001, SiloStatus.Active, proxyPort: 2001);
        await InsertAsync(table, active);
        await InsertAsync(table, Entry(1002, SiloStatus.Active, proxyPort: 0));
        await InsertAsync(table, Entry(1003, SiloStatus.Dead, proxyPort: 2003));
        await InsertAsync(table, Entry(1004, SiloStatus.Joining, proxyPort: 2004));
        await InsertAsync(others, Entry(1005, SiloStatus.Active, proxyPort: 2005));

        var provider = new AdoNetGatewayListProvider(
            NullLogger<AdoNetGatewayListProvider>.Instance,
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new AdoNetClusteringClientOptions { Invariant = "Npgsql", ConnectionString = _connectionString }),
            Options.Create(new GatewayOptions()),
            Options.Create(new ClusterOptions { ClusterId = "gateways", ServiceId = "gateways" }));
        await provider.InitializeGatewayListProviderAsync();
        var gateways = await provider.GetGatewaysAsync();

        var gateway = Assert.Single(gateways);
        Assert.Equal(SiloAddress.New(IPAddress.Loopback, 2001, active.SiloAddress.Generation).ToGatewayUri(), gateway);
    }

    [Fact]
    public async Task Cleanup_removes_long_gone_silos_but_never_active_ones()
    {
        var table = await TableAsync("cleanup");
        var longDead = Entry(1001, SiloStatus.Dead, proxyPort: 2001, aliveAgo: TimeSpan.FromHours(2));
        var quietButActive = Entry(1002, SiloStatus.Active, proxyPort: 2002, aliveAgo: TimeSpan.FromHours(2));
        var recentlyDead = Entry(1003, SiloStatus.Dead, proxyPort: 2003, aliveAgo: TimeSpan.FromMinutes(1));
        foreach (var entry in new[] { longDead, quietButActive, recentlyDead })
        {
            await InsertAsync(table, entry);
        }

        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddHours(-1));

        var left = (await table.ReadAllAsync()).Members.Select(m => m.Item1.SiloAddress).ToHashSet();
        Assert.Equal([quietButActive.SiloAddress, recentlyDead.SiloAddress], left.OrderBy(s => s.Endpoint.Port));
    }

    [Fact]
    public async Task Deleting_a_cluster_removes_its_rows_only_and_it_can_start_again()
    {
        var table = await TableAsync("deleted");
        var others = await TableAsync("kept");
        await InsertAsync(table, Entry(1001, SiloStatus.Active, proxyPort: 2001));
        await InsertAsync(others, Entry(1002, SiloStatus.Active, proxyPort: 2002));

        await table.DeleteMembershipTableEntriesAsync("deleted");

        Assert.Single((await others.ReadAllAsync()).Members);
        await table.InitializeMembershipTableAsync(true);
        var fresh = await table.ReadAllAsync();
        Assert.Empty(fresh.Members);
        Assert.Equal(0, fresh.Version.Version);
    }

    private async Task<AdoNetClusteringTable> TableAsync(string clusterId)
    {
        var table = new AdoNetClusteringTable(
            new ServiceCollection().BuildServiceProvider(),
            Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = clusterId }),
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = "Npgsql", ConnectionString = _connectionString }),
            NullLogger<AdoNetClusteringTable>.Instance);
        await table.InitializeMembershipTableAsync(true);
        return table;
    }

    private static async Task InsertAsync(AdoNetClusteringTable table, MembershipEntry entry) =>
        Assert.True(await table.InsertRowAsync(entry, Next((await table.ReadAllAsync()).Version)));

    // What Orleans passes with a change: the next version number, the etag of the version it read.
    private static TableVersion Next(TableVersion read) => new(read.Version + 1, read.VersionEtag);

    private static MembershipEntry Entry(int port, SiloStatus status, int proxyPort, TimeSpan? aliveAgo = null)
    {
        var now = DateTime.UtcNow;
        return new MembershipEntry
        {
            SiloAddress = SiloAddress.New(IPAddress.Loopback, port, 7_000_000 + port),
            SiloName = $"silo-{port}",
            HostName = "test-host",
            Status = status,
            ProxyPort = proxyPort,
            StartTime = now.AddMinutes(-10),
            IAmAliveTime = now - (aliveAgo ?? TimeSpan.Zero),
        };
    }

    // PostgreSQL keeps microseconds; .NET has 100 ns ticks.
    private static void AssertSameTime(DateTime expected, DateTime actual)
    {
        Assert.Equal(DateTimeKind.Utc, actual.Kind);
        Assert.True(Math.Abs((expected - actual).TotalMilliseconds) < 1, $"{expected:O} != {actual:O}");
    }
}
