namespace ChatSphere.Api.Tests;

/// <summary>One embedded API host (SQLite in a temp folder) shared by a test class.</summary>
public sealed class EmbeddedApiFixture : IAsyncLifetime
{
    private readonly TestSqlite _data = new();

    public ApiHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await ApiHost.StartAsync(_data.Folder);

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _data.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class EmbeddedApiCollection : ICollectionFixture<EmbeddedApiFixture>
{
    public const string Name = "embedded api";
}
