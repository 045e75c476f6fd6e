using ChatSphere.Api.Apis;
using ChatSphere.Api.Auth.Oidc;

namespace ChatSphere.Api.Tests.Security;

/// <summary>Issue 11, item 8's pattern: a return address taken from the caller is compared parsed, never by text prefix.</summary>
public sealed class OidcReturnUrlTests
{
    private static readonly OidcOptions Options = new() { AllowedReturnUrls = ["https://dashboard.example.com", "https://app.example.com/console/"] };

    [Theory]
    [InlineData("/app/home", true)]
    [InlineData("https://dashboard.example.com/callback", true)]
    [InlineData("https://DASHBOARD.example.com", true)]
    [InlineData("https://app.example.com/console/sign-in", true)]
    [InlineData("https://dashboard.example.com.evil.example/callback", false)]
    [InlineData("https://dashboard.example.com@evil.example/", false)]
    [InlineData("https://dashboard.example.com:8443/", false)]
    [InlineData("http://dashboard.example.com/", false)]
    [InlineData("https://app.example.com/consoleevil", false)]
    [InlineData("//evil.example", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("/app\u0000", false)]
    public void Return_addresses_are_allowed_only_on_this_site_or_under_a_configured_dashboard(string returnUrl, bool allowed) =>
        Assert.Equal(allowed, OidcApi.IsAllowedReturnUrl(returnUrl, Options));
}
