using System.Globalization;

namespace ChatSphere.Testing;

/// <summary>
/// The configuration a ChatSphere silo reads (see ChatSphereTopology): as in-memory configuration for
/// <c>builder.Configuration.AddInMemoryCollection(...)</c>, or as environment variables for a silo process.
/// </summary>
public sealed record TestSiloSettings
{
    /// <summary>PostgreSQL database of the cluster shape; null for the embedded shape (SQLite in <see cref="DataPath"/>).</summary>
    public string? Postgres { get; init; }

    /// <summary>Data folder of the embedded shape (also used by the cluster shape for local files).</summary>
    public required string DataPath { get; init; }

    public string? Redis { get; init; }

    public string ClusterId { get; init; } = "chatsphere-test";

    public string ServiceId { get; init; } = "chatsphere-test";

    public int SiloPort { get; init; } = FreeTcpPort.Next();

    public int GatewayPort { get; init; } = FreeTcpPort.Next();

    /// <summary>Cluster shape on a PostgreSQL database, with fresh loopback ports.</summary>
    public static TestSiloSettings Cluster(string postgres, string dataPath) => new() { Postgres = postgres, DataPath = dataPath };

    /// <summary>Embedded shape in a data folder, with fresh loopback ports.</summary>
    public static TestSiloSettings Embedded(string dataPath) => new() { DataPath = dataPath };

    /// <summary>Configuration keys as <c>Section:Key</c>.</summary>
    public Dictionary<string, string?> ToConfiguration()
    {
        var values = new Dictionary<string, string?>
        {
            ["ChatSphere:DataPath"] = DataPath,
            ["Orleans:ClusterId"] = ClusterId,
            ["Orleans:ServiceId"] = ServiceId,
            ["Orleans:SiloPort"] = SiloPort.ToString(CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = GatewayPort.ToString(CultureInfo.InvariantCulture),
        };
        if (Postgres is not null)
        {
            values["ConnectionStrings:Postgres"] = Postgres;
        }

        if (Redis is not null)
        {
            values["ConnectionStrings:Redis"] = Redis;
        }

        return values;
    }

    /// <summary>The same settings as environment variables (<c>Section__Key</c>).</summary>
    public Dictionary<string, string> ToEnvironment() =>
        ToConfiguration().Where(p => p.Value is not null).ToDictionary(p => p.Key.Replace(":", "__", StringComparison.Ordinal), p => p.Value!);
}
