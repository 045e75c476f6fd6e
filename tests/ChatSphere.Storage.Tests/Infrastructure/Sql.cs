using System.Data.Common;
using ChatSphere.Grains.Storage;
using Microsoft.Extensions.Options;

namespace ChatSphere.Storage.Tests.Infrastructure;

/// <summary>Direct SQL against a test database, for looking at (or tampering with) what the providers wrote.</summary>
public static class Sql
{
    public static async Task<List<object?[]>> QueryAsync(ChatSphere.Grains.Storage.DatabaseOptions database, string sql, params (string Name, object? Value)[] parameters)
    {
        using var connections = new ChatSphereDatabase(Options.Create(database));
        await using var connection = await connections.OpenAsync();
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public static async Task<long> ScalarAsync(ChatSphere.Grains.Storage.DatabaseOptions database, string sql, params (string Name, object? Value)[] parameters) =>
        Convert.ToInt64((await QueryAsync(database, sql, parameters))[0][0], System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<int> ExecuteAsync(ChatSphere.Grains.Storage.DatabaseOptions database, string sql, params (string Name, object? Value)[] parameters)
    {
        using var connections = new ChatSphereDatabase(Options.Create(database));
        await using var connection = await connections.OpenAsync();
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    private static DbCommand Command(DbConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.Command(sql);
        foreach (var (name, value) in parameters)
        {
            command.With(name, value);
        }

        return command;
    }
}
