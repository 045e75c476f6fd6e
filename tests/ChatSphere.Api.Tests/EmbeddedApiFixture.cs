namespace ChatSphere.Api.Tests;

/// <summary>One embedded API host (SQLite in a temp folder) shared by a test class.</summary>
public sealed class EmbeddedApiFixture : IAsyncLifetime
{
    private readonly TestSqlite _data = new();

    public ApiHost Host { get; private set; } = null!;

    /// <summary>The account the tests act as (the first one registered, so it also owns the demo chatbot).</summary>
    public Accounts.TestUser User { get; private set; } = null!;

    /// <summary>An HTTP client signed in as <see cref="User"/>.</summary>
    public HttpClient Http => User.Http;

    public async Task InitializeAsync()
    {
        Host = await ApiHost.StartAsync(_data.Folder);
        User = await Host.RegisterAsync();
    }

    public async Task DisposeAsync()
    {
        User?.Dispose();
        await Host.DisposeAsync();
        _data.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class EmbeddedApiCollection : ICollectionFixture<EmbeddedApiFixture>
{
    public const string Name = "embedded api";
}
