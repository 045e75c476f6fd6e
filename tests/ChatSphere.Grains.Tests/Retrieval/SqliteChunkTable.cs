using System.Runtime.CompilerServices;
using ChatSphere.Grains.Knowledge.Vectors;
using Microsoft.Data.Sqlite;

namespace ChatSphere.Grains.Tests.Retrieval;

/// <summary>
/// A chunk table in a real SQLite file, shaped like the durable side the vector store reconciles with: every write
/// bumps the row's version. Stands for cs_knowledge_chunks in these tests.
/// </summary>
internal sealed class SqliteChunkTable : IVectorRecordSource, IDisposable
{
    private readonly SqliteConnection _connection;
    private long _version;

    public SqliteChunkTable(string path)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("CREATE TABLE IF NOT EXISTS chunks (bot_id TEXT NOT NULL, chunk_id TEXT NOT NULL, source_id TEXT NOT NULL, version INTEGER NOT NULL, embedding BLOB NOT NULL, PRIMARY KEY (bot_id, chunk_id))");
        _version = Convert.ToInt64(Scalar("SELECT COALESCE(MAX(version), 0) FROM chunks"), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Writes the row with the next version and returns the record as the index should hold it.</summary>
    public VectorRecord Write(string botId, string chunkId, string sourceId, float[] embedding)
    {
        var version = ++_version;
        using var command = _connection.CreateCommand();
        command.CommandText = "INSERT INTO chunks VALUES ($bot, $id, $source, $version, $embedding) ON CONFLICT (bot_id, chunk_id) DO UPDATE SET source_id = $source, version = $version, embedding = $embedding";
        command.Parameters.AddWithValue("$bot", botId);
        command.Parameters.AddWithValue("$id", chunkId);
        command.Parameters.AddWithValue("$source", sourceId);
        command.Parameters.AddWithValue("$version", version);
        command.Parameters.AddWithValue("$embedding", embedding.SelectMany(BitConverter.GetBytes).ToArray());
        command.ExecuteNonQuery();
        return new VectorRecord(chunkId, embedding, sourceId, version);
    }

    public void Delete(string botId, string chunkId)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "DELETE FROM chunks WHERE bot_id = $bot AND chunk_id = $id";
        command.Parameters.AddWithValue("$bot", botId);
        command.Parameters.AddWithValue("$id", chunkId);
        command.ExecuteNonQuery();
    }

    public async IAsyncEnumerable<(string Id, long Version)> ListVersionsAsync(string botId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = "SELECT chunk_id, version FROM chunks WHERE bot_id = $bot";
        command.Parameters.AddWithValue("$bot", botId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return (reader.GetString(0), reader.GetInt64(1));
        }
    }

    public async IAsyncEnumerable<VectorRecord> ReadAsync(string botId, IReadOnlyCollection<string> ids, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var wanted = new HashSet<string>(ids, StringComparer.Ordinal);
        await using var command = _connection.CreateCommand();
        command.CommandText = "SELECT chunk_id, source_id, version, embedding FROM chunks WHERE bot_id = $bot";
        command.Parameters.AddWithValue("$bot", botId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetString(0);
            if (wanted.Contains(id))
            {
                var bytes = (byte[])reader.GetValue(3);
                var vector = new float[bytes.Length / sizeof(float)];
                Buffer.BlockCopy(bytes, 0, vector, 0, bytes.Length);
                yield return new VectorRecord(id, vector, reader.GetString(1), reader.GetInt64(2));
            }
        }
    }

    public void Dispose() => _connection.Dispose();

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
