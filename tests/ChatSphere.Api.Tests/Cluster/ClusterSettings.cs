namespace ChatSphere.Api.Tests.Cluster;

/// <summary>Settings shared by every process of one test cluster on PostgreSQL.</summary>
public static class ClusterSettings
{
    public static Dictionary<string, string> For(PostgresDatabase database, string dataPath, int tokenCount, int tokenDelayMs)
    {
        var id = "test-" + database.Name;
        return new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = database.ConnectionString,
            ["Orleans__ClusterId"] = id,
            ["Orleans__ServiceId"] = id,
            ["ChatSphere__DataPath"] = dataPath,
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
        };
    }

    /// <summary>The same settings as configuration keys for an in-process host.</summary>
    public static Dictionary<string, string?> AsConfiguration(IReadOnlyDictionary<string, string> environment) =>
        environment.ToDictionary(e => e.Key.Replace("__", ":", StringComparison.Ordinal), e => (string?)e.Value);
}
