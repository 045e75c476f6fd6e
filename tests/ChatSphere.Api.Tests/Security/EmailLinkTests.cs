using System.Net;
using System.Net.Http.Json;
using ChatSphere.Api.Auth;
using ChatSphere.Api.Tests.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatSphere.Api.Tests.Security;

/// <summary>Issue 11, item 1: links in account emails are never built from the request's Host header.</summary>
public sealed class EmailLinkTests
{
    [Fact]
    public async Task A_password_reset_asked_with_a_forged_host_links_to_the_configured_public_url()
    {
        using var data = new TestSqlite();
        var emails = new RecordingEmailSender();
        await using var host = await StartAsync(data, emails, new() { ["ChatSphere:PublicUrl"] = "https://chat.example.com/" });
        using var user = await host.RegisterAsync();

        using var response = await ResetWithHostAsync(host, user.Email, "attacker.example");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.StartsWith("https://chat.example.com/reset-password?token=", emails.LinkFor(user.Email, "password-reset"));
        Assert.StartsWith("https://chat.example.com/verify-email?token=", emails.LinkFor(user.Email, "email-verification"));
    }

    [Fact]
    public async Task Without_a_public_url_the_embedded_shape_links_to_the_address_it_listens_on()
    {
        using var data = new TestSqlite();
        var emails = new RecordingEmailSender();
        await using var host = await StartAsync(data, emails, []);
        using var user = await host.RegisterAsync();

        using var response = await ResetWithHostAsync(host, user.Email, "attacker.example");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var link = emails.LinkFor(user.Email, "password-reset");
        Assert.StartsWith(new Uri(host.BaseAddress, "reset-password?token=").AbsoluteUri, link);
        Assert.DoesNotContain("attacker", link, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_cluster_shape_refuses_to_start_without_a_public_url_or_an_email_transport()
    {
        using var data = new TestSqlite();
        var settings = ClusterHostSettings(data.Folder);
        settings.Remove("ChatSphere:PublicUrl");
        var noUrl = await Assert.ThrowsAnyAsync<Exception>(() => ApiHost.StartAsync(data.Folder, settings));
        Assert.Contains("ChatSphere:PublicUrl is required in the cluster shape", noUrl.ToString());

        settings = ClusterHostSettings(data.Folder);
        settings.Remove("ChatSphere:Email:AllowLogDelivery");
        var noSmtp = await Assert.ThrowsAnyAsync<Exception>(() => ApiHost.StartAsync(data.Folder, settings));
        Assert.Contains("ChatSphere:Email:Smtp (Host, Port, Security, User, Password, From) is required in the cluster shape", noSmtp.ToString());

        settings["ChatSphere:PublicUrl"] = "javascript:alert(1)";
        var badUrl = await Assert.ThrowsAnyAsync<Exception>(() => ApiHost.StartAsync(data.Folder, settings));
        Assert.Contains("ChatSphere:PublicUrl must be an absolute http(s) URL", badUrl.ToString());
    }

    [Fact]
    public async Task Account_emails_go_through_the_configured_smtp_server_with_its_credentials()
    {
        using var data = new TestSqlite();
        await using var smtp = TestSmtpServer.Start();
        await using var host = await ApiHost.StartAsync(data.Folder, new Dictionary<string, string?>
        {
            ["ChatSphere:Demo:Enabled"] = "false",
            ["ChatSphere:PublicUrl"] = "https://chat.example.com",
            ["ChatSphere:Email:Smtp:Host"] = "127.0.0.1",
            ["ChatSphere:Email:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ChatSphere:Email:Smtp:Security"] = "None",
            ["ChatSphere:Email:Smtp:User"] = "mailer",
            ["ChatSphere:Email:Smtp:Password"] = "mailer-secret",
            ["ChatSphere:Email:Smtp:From"] = "ChatSphere <no-reply@chat.example.com>",
        });

        using var user = await host.RegisterAsync();
        using var reset = await host.Http.PostAsJsonAsync("api/v1/auth/password-reset", new { email = user.Email }, ApiHost.Json);
        Assert.Equal(HttpStatusCode.Accepted, reset.StatusCode);

        var mails = smtp.Received.Where(m => m.To.Contains(user.Email)).ToArray();
        Assert.Equal(2, mails.Length);
        Assert.All(mails, m => Assert.Equal(("no-reply@chat.example.com", "mailer", "mailer-secret"), (m.From, m.User, m.Password)));
        Assert.Contains("Subject: Confirm your email address for ChatSphere", mails[0].Data);
        Assert.Contains("https://chat.example.com/verify-email?token=", mails[0].Data);
        Assert.Contains("Subject: Reset your ChatSphere password", mails[1].Data);
        Assert.Contains("https://chat.example.com/reset-password?token=", mails[1].Data);
    }

    [Fact]
    public async Task A_failing_email_transport_leaves_the_reset_answer_unchanged()
    {
        using var data = new TestSqlite();
        // Nothing listens on this port: every send fails.
        await using var host = await ApiHost.StartAsync(data.Folder, new Dictionary<string, string?>
        {
            ["ChatSphere:Demo:Enabled"] = "false",
            ["ChatSphere:Email:Smtp:Host"] = "127.0.0.1",
            ["ChatSphere:Email:Smtp:Port"] = FreeTcpPort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ChatSphere:Email:Smtp:Security"] = "None",
            ["ChatSphere:Email:Smtp:From"] = "no-reply@chat.example.com",
        });

        using var user = await host.RegisterAsync();
        using var known = await host.Http.PostAsJsonAsync("api/v1/auth/password-reset", new { email = user.Email }, ApiHost.Json);
        using var unknown = await host.Http.PostAsJsonAsync("api/v1/auth/password-reset", new { email = $"nobody-{Guid.NewGuid():N}@example.com" }, ApiHost.Json);

        Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
    }

    [Fact]
    public void Log_delivery_outside_the_embedded_shape_never_writes_a_usable_token()
    {
        var redacted = LogEmailSender.Redact("https://chat.example.com/reset-password?token=usr_abc.SECRETSECRETSECRET");

        Assert.Equal("https://chat.example.com/reset-password?token=usr_ab[redacted]", redacted);
    }

    private static Task<ApiHost> StartAsync(TestSqlite data, RecordingEmailSender emails, Dictionary<string, string?> settings)
    {
        settings["ChatSphere:Demo:Enabled"] = "false";
        return ApiHost.StartAsync(data.Folder, settings, services =>
        {
            services.RemoveAll<IEmailSender>();
            services.AddSingleton<IEmailSender>(emails);
        });
    }

    private static async Task<HttpResponseMessage> ResetWithHostAsync(ApiHost host, string email, string forgedHost)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/auth/password-reset") { Content = JsonContent.Create(new { email }) };
        request.Headers.Host = forgedHost;
        return await host.Http.SendAsync(request);
    }

    /// <summary>Everything the cluster shape needs, on a database nobody listens at (start-up fails before it is reached).</summary>
    private static Dictionary<string, string?> ClusterHostSettings(string folder) => ClusterSettings.ForHost(
        ClusterSettings.Silo("Host=127.0.0.1;Port=1;Username=none;Database=none", "unused", folder),
        ClusterSettings.Extra(folder, tokenCount: 1, tokenDelayMs: 0));
}
