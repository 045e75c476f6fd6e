using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;
using StackExchange.Redis;

namespace ChatSphere.Silo.Hosting;

/// <summary>
/// The Data Protection key ring of the cluster shape in PostgreSQL (<c>cs_data_protection_keys</c>), shared by every
/// node and included in the database's backup. A deployment that kept its keys in Redis before (up to this version)
/// has them copied over on first read, so tokens issued before the upgrade still read.
/// </summary>
public sealed class PostgresKeyRing(string connectionString, string? legacyRedis) : IXmlRepository
{
    private int _legacyImported;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var elements = Read();
        if (elements.Count == 0 && legacyRedis is not null && Interlocked.Exchange(ref _legacyImported, 1) == 0)
        {
            foreach (var element in ReadLegacy(legacyRedis))
            {
                StoreElement(element, element.Attribute("id")?.Value ?? Guid.NewGuid().ToString());
            }

            elements = Read();
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        // The Data Protection API calls this synchronously; a key is written once, at most every few months.
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var insert = new NpgsqlCommand(
            "INSERT INTO cs_data_protection_keys (friendly_name, xml) VALUES (@name, @xml) ON CONFLICT (friendly_name) DO NOTHING",
            connection);
        insert.Parameters.AddWithValue("name", friendlyName);
        insert.Parameters.AddWithValue("xml", element.ToString(SaveOptions.DisableFormatting));
        insert.ExecuteNonQuery();
    }

    private List<XElement> Read()
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var select = new NpgsqlCommand("SELECT xml FROM cs_data_protection_keys ORDER BY created_at, friendly_name", connection);
        using var reader = select.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    private static List<XElement> ReadLegacy(string redis)
    {
        try
        {
            using var connection = ConnectionMultiplexer.Connect(redis);
            return [.. connection.GetDatabase().ListRange(ChatSphereDataProtection.RedisKey).Select(value => XElement.Parse(value.ToString()))];
        }
        catch (RedisConnectionException)
        {
            // Redis out of reach: nothing to bring over; the key manager makes a new key.
            return [];
        }
    }
}
