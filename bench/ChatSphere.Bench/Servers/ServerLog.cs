namespace ChatSphere.Bench.Servers;

/// <summary>A child process's output, appended line by line to a file from the output events' threads.</summary>
public sealed class ServerLog(string path) : IDisposable
{
    private readonly StreamWriter _writer = new(path, append: false) { AutoFlush = true };
    private bool _closed;

    public string Path { get; } = path;

    public void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_writer)
        {
            if (!_closed)
            {
                _writer.WriteLine(line);
            }
        }
    }

    public string Tail(int lineCount)
    {
        lock (_writer)
        {
            using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return string.Join('\n', reader.ReadToEnd().Split('\n').TakeLast(lineCount));
        }
    }

    public void Dispose()
    {
        lock (_writer)
        {
            _closed = true;
            _writer.Dispose();
        }
    }
}
