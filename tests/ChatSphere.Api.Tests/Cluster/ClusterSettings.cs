namespace ChatSphere.Api.Tests.Cluster;

/// <summary>Settings shared by every process of one test cluster on PostgreSQL, beyond each silo's own ports.</summary>
public static class ClusterSettings
{
    public static TestSiloSettings Silo(string postgres, string clusterId, string dataPath) =>
        TestSiloSettings.Cluster(postgres, dataPath) with { ClusterId = clusterId, ServiceId = clusterId };

    /// <summary>The access-token signing key every API node of the test clusters shares (the cluster shape requires one).</summary>
    private static readonly string SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public static Dictionary<string, string> Extra(string dataPath, int tokenCount, int tokenDelayMs) => new()
    {
        ["ChatSphere__Auth__SigningKey"] = SigningKey,
        // The cluster shape requires both: where email links point, and a real email transport unless tests opt out.
        ["ChatSphere__PublicUrl"] = "https://chat.test.example",
        ["ChatSphere__Email__AllowLogDelivery"] = "true",
        // Every test client signs up from one loopback address.
        ["ChatSphere__RateLimits__RegistrationsPerHourPerAddress"] = "0",
        ["ChatSphere__Auth__Argon2__MemoryKiB"] = "1024",
        ["ChatSphere__Auth__Argon2__Iterations"] = "1",
        ["ChatSphere__KeysPath"] = Path.Combine(dataPath, "keys"),
        ["ChatSphere__Ai__InstantModel__Enabled"] = "true",
        ["ChatSphere__Ai__InstantModel__TokenCount"] = tokenCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["ChatSphere__Ai__InstantModel__TokenDelayMs"] = tokenDelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        // Declare a dead silo dead within seconds instead of a minute.
        ["Orleans__Membership__ProbeTimeout"] = "00:00:01",
        ["Orleans__Membership__NumMissedProbesLimit"] = "2",
        ["Orleans__Membership__NumVotesForDeathDeclaration"] = "1",
        ["Orleans__Membership__TableRefreshTimeout"] = "00:00:02",
        ["Orleans__Membership__IAmAliveTablePublishTimeout"] = "00:00:05",
        ["Serilog__MinimumLevel__Default"] = "Warning",
        // These tests are about failover, not plans: no quotas or tier rate limits (the cluster shape defaults to Free).
        ["ChatSphere__Billing__DefaultPlan"] = "unlimited",
    };

    /// <summary>Settings for an in-process API host of the same cluster (its own silo ports are chosen by the host).</summary>
    public static Dictionary<string, string?> ForHost(TestSiloSettings silo, IReadOnlyDictionary<string, string> extra)
    {
        var configuration = silo.ToConfiguration();
        configuration.Remove("Orleans:SiloPort");
        configuration.Remove("Orleans:GatewayPort");
        foreach (var (key, value) in extra)
        {
            configuration[key.Replace("__", ":", StringComparison.Ordinal)] = value;
        }

        return configuration;
    }
}
