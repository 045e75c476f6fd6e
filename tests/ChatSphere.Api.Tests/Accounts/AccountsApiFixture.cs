using ChatSphere.Api.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatSphere.Api.Tests.Accounts;

/// <summary>One embedded API host for the account tests: emails are recorded instead of logged, no demo workspace.</summary>
public sealed class AccountsApiFixture : IAsyncLifetime
{
    private readonly TestSqlite _data = new();

    public ApiHost Host { get; private set; } = null!;

    public RecordingEmailSender Emails { get; } = new();

    public async Task InitializeAsync() => Host = await ApiHost.StartAsync(
        _data.Folder,
        new Dictionary<string, string?> { ["ChatSphere:Demo:Enabled"] = "false" },
        services =>
        {
            services.RemoveAll<IEmailSender>();
            services.AddSingleton<IEmailSender>(Emails);
        });

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _data.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class AccountsApiCollection : ICollectionFixture<AccountsApiFixture>
{
    public const string Name = "accounts api";
}
