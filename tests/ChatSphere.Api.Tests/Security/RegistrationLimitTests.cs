using System.Net;
using System.Net.Http.Json;

namespace ChatSphere.Api.Tests.Security;

/// <summary>Issue 11, item 10 and the suspected cheap load: sign-ups are throttled per client address and per email
/// address, and password hashing is bounded (503 when saturated, never a pile-up).</summary>
public sealed class RegistrationLimitTests
{
    [Fact]
    public async Task Sign_ups_from_one_client_address_are_limited_with_a_429_and_retry_after()
    {
        using var data = new TestSqlite();
        // Eight an hour: a quarter of it (two) at once, then one every 7.5 minutes.
        await using var host = await ApiHost.StartAsync(data.Folder, new Dictionary<string, string?>
        {
            ["ChatSphere:Demo:Enabled"] = "false",
            ["ChatSphere:RateLimits:RegistrationsPerHourPerAddress"] = "8",
        });

        Assert.Equal(HttpStatusCode.Created, await RegisterAsync(host, NewEmail()));
        Assert.Equal(HttpStatusCode.Created, await RegisterAsync(host, NewEmail()));
        using var refused = await host.Http.PostAsJsonAsync("api/v1/auth/register", Body(NewEmail()), ApiHost.Json);
        await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    [Fact]
    public async Task Sign_up_attempts_naming_one_email_address_are_limited_whoever_sends_them()
    {
        using var data = new TestSqlite();
        await using var host = await ApiHost.StartAsync(data.Folder, new Dictionary<string, string?>
        {
            ["ChatSphere:Demo:Enabled"] = "false",
            ["ChatSphere:RateLimits:RegistrationsPerHourPerEmail"] = "8",
        });
        var email = NewEmail();

        Assert.Equal(HttpStatusCode.Created, await RegisterAsync(host, email));
        Assert.Equal(HttpStatusCode.Conflict, await RegisterAsync(host, email.ToUpperInvariant()));
        // Probing the same address again is refused without saying whether it is taken.
        Assert.Equal(HttpStatusCode.TooManyRequests, await RegisterAsync(host, email));
        // Other addresses are not held up by it.
        Assert.Equal(HttpStatusCode.Created, await RegisterAsync(host, NewEmail()));
    }

    [Fact]
    public async Task Invalid_fields_are_refused_before_anything_is_counted_or_hashed()
    {
        using var data = new TestSqlite();
        await using var host = await ApiHost.StartAsync(data.Folder, new Dictionary<string, string?>
        {
            ["ChatSphere:Demo:Enabled"] = "false",
            ["ChatSphere:RateLimits:RegistrationsPerHourPerEmail"] = "4",
        });
        var email = NewEmail();

        using var invalid = await host.Http.PostAsJsonAsync("api/v1/auth/register", new { email, password = "short", name = "" }, ApiHost.Json);
        var problem = await invalid.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["name", "password"], problem.Errors!.Keys.Order());
        using var again = await host.Http.PostAsJsonAsync("api/v1/auth/register", new { email, password = "short", name = "" }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);

        // The refused attempts took nothing from the address's allowance.
        Assert.Equal(HttpStatusCode.Created, await RegisterAsync(host, email));
    }

    [Fact]
    public async Task Password_hashing_is_bounded_and_a_saturated_server_answers_503_not_500()
    {
        using var data = new TestSqlite();
        // A costly hash (32 MiB, two passes), one at a time, no waiting for a free slot.
        await using var host = await ApiHost.StartAsync(data.Folder, new Dictionary<string, string?>
        {
            ["ChatSphere:Demo:Enabled"] = "false",
            ["ChatSphere:Auth:Argon2:MemoryKiB"] = "32768",
            ["ChatSphere:Auth:Argon2:Iterations"] = "2",
            ["ChatSphere:Auth:Argon2:MaxConcurrent"] = "1",
            ["ChatSphere:Auth:Argon2:QueueTimeout"] = "00:00:00",
        });

        var statuses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => RegisterAsync(host, NewEmail())));

        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable, $"answered {(int)s}"));
        Assert.Contains(HttpStatusCode.Created, statuses);
        Assert.Contains(HttpStatusCode.ServiceUnavailable, statuses);
    }

    private static string NewEmail() => $"signup-{Guid.NewGuid():N}@example.com";

    private static object Body(string email) => new { email, password = TestAccounts.Password, name = "Signer" };

    private static async Task<HttpStatusCode> RegisterAsync(ApiHost host, string email)
    {
        using var response = await host.Http.PostAsJsonAsync("api/v1/auth/register", Body(email), ApiHost.Json);
        return response.StatusCode;
    }
}
