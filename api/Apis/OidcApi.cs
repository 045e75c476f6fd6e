using System.Globalization;
using ChatSphere.Api.Audit;
using ChatSphere.Api.Auth;
using ChatSphere.Api.Auth.Oidc;
using ChatSphere.GrainInterfaces;
using ChatSphere.GrainInterfaces.Accounts;
using ChatSphere.GrainInterfaces.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace ChatSphere.Api.Apis;

/// <summary>
/// Sign-in through OpenID Connect providers (authorisation code with PKCE). <c>start</c> sends the browser to the
/// provider; the provider sends it back to <c>callback</c>, which signs the person in: by the login linked before, else
/// by linking it to the account with the address the provider verified, else as a new account with its own workspace.
/// With a <c>returnUrl</c> the tokens go back in the URL's fragment (never to a server); without one, as JSON.
/// </summary>
public static class OidcApi
{
    public static IEndpointRouteBuilder MapOidcApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/auth/oidc").WithTags("Auth").AllowAnonymous();
        api.MapGet("/providers", ListProviders).WithName("ListSignInProviders").WithSummary("The OpenID Connect providers people may sign in with");
        api.MapGet("/{provider}/start", StartAsync).WithName("StartProviderSignIn")
            .WithSummary("Redirects to the provider's sign-in (returnUrl: a path of this site or an allowed dashboard address)")
            .Produces(StatusCodes.Status302Found).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{provider}/callback", CallbackAsync).WithName("FinishProviderSignIn")
            .WithSummary("Where the provider returns: signs in and redirects to the returnUrl with the tokens in the fragment, or answers them as JSON")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    public static Ok<IReadOnlyList<SignInProviderResponse>> ListProviders(OidcProviders providers) => TypedResults.Ok<IReadOnlyList<SignInProviderResponse>>(
        providers.All().Select(p => new SignInProviderResponse(p.Name, p.DisplayName, $"/api/v1/auth/oidc/{p.Name}/start")).ToArray());

    public static async Task<RedirectHttpResult> StartAsync(
        HttpContext http, string provider, string? returnUrl, string? client, OidcProviders providers, OidcState states, IOptions<OidcOptions> options, PublicAddress publicAddress)
    {
        providers.Get(provider);
        if (returnUrl is not null && !IsAllowedReturnUrl(returnUrl, options.Value))
        {
            throw new ValidationFailedException("returnUrl", "Must be a path of this site or start with an address in ChatSphere:Auth:Oidc:AllowedReturnUrls.");
        }

        var (verifier, challenge) = OidcProviders.NewPkce();
        var nonce = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var dashboard = string.Equals(client, DashboardSessionCookie.ClientName, StringComparison.Ordinal) ? DashboardSessionCookie.ClientName : null;
        var state = states.Protect(new OidcFlow(provider, verifier, nonce, returnUrl, dashboard));
        var url = await providers.AuthorizeUrlAsync(provider, CallbackUrl(publicAddress, provider, options.Value), state, nonce, challenge, http.RequestAborted);
        return TypedResults.Redirect(url);
    }

    public static async Task<Results<Ok<AuthResponse>, RedirectHttpResult>> CallbackAsync(
        HttpContext http, string provider, string? code, string? state, string? error,
        OidcProviders providers, OidcState states, IOptions<OidcOptions> options, IGrainFactory grains, AccessTokens tokens,
        DemoWorkspace demo, AuditTrail audit, PublicAddress publicAddress)
    {
        providers.Get(provider);
        var flow = states.Unprotect(state);
        if (flow is null || !string.Equals(flow.Provider, provider, StringComparison.OrdinalIgnoreCase))
        {
            throw new ValidationFailedException("state", "The sign-in expired or did not start here; start again.");
        }

        if (error is not null || string.IsNullOrEmpty(code))
        {
            throw new ValidationFailedException("code", $"The sign-in provider did not sign the person in ({error ?? "no code"}).");
        }

        var identity = await providers.CompleteAsync(provider, code, CallbackUrl(publicAddress, provider, options.Value), flow, http.RequestAborted);
        var session = await SignInAsync(grains, identity, demo, http, audit);
        await audit.RecordForUserAsync(http, session.User, "auth.login", AuditChanges.Of("method", null, "oidc:" + provider));
        var answer = await AuthResponses.SessionAsync(grains, tokens, session);
        if (flow.Client == DashboardSessionCookie.ClientName)
        {
            // The dashboard reads its session from the cookie (a refresh): no token travels in a URL.
            var delivered = DashboardSessionCookie.Deliver(http.Response, http.Request.IsHttps, answer);
            return flow.ReturnUrl is null ? TypedResults.Ok(delivered) : TypedResults.Redirect(flow.ReturnUrl.Split('#')[0]);
        }

        if (flow.ReturnUrl is null)
        {
            return TypedResults.Ok(answer);
        }

        var fragment = string.Join("&",
            $"access_token={Uri.EscapeDataString(answer.AccessToken)}",
            $"refresh_token={Uri.EscapeDataString(answer.RefreshToken ?? "")}",
            $"expires_in={answer.ExpiresIn.ToString(CultureInfo.InvariantCulture)}",
            "token_type=Bearer");
        return TypedResults.Redirect(flow.ReturnUrl.Split('#')[0] + "#" + fragment);
    }

    /// <summary>The linked login's user; else the account whose address the provider verified, now linked; else a new account.
    /// An unverified address that belongs to an account is refused: linking on it would hand the account to whoever typed it.</summary>
    private static async Task<UserSession> SignInAsync(IGrainFactory grains, ExternalIdentity identity, DemoWorkspace demo, HttpContext http, AuditTrail audit)
    {
        var login = new ExternalLogin(identity.Provider.ToLowerInvariant(), identity.Subject);
        if (await grains.GetGrain<IExternalLoginIndexGrain>(login.IndexKey).GetUserIdAsync() is { } linked
            && await grains.GetGrain<IUserGrain>(linked).ExistsAsync())
        {
            return await grains.GetGrain<IUserGrain>(linked).ExternalSignInAsync(login);
        }

        if (string.IsNullOrWhiteSpace(identity.Email))
        {
            throw new ValidationFailedException("email", "The sign-in provider shared no email address; allow the 'email' scope.");
        }

        if (await grains.GetGrain<IEmailIndexGrain>(EmailAddresses.Normalize(identity.Email)).GetUserIdAsync() is { } existing
            && await grains.GetGrain<IUserGrain>(existing).ExistsAsync())
        {
            if (!identity.EmailVerified)
            {
                throw new ConflictException("An account with this email address exists, and the provider has not verified the address: sign in with the password.");
            }

            var wasVerified = (await grains.GetGrain<IUserGrain>(existing).GetProfileAsync())?.EmailVerified ?? false;
            var session = await grains.GetGrain<IUserGrain>(existing).LinkExternalAsync(login, identity.Email);
            if (!wasVerified)
            {
                await audit.RecordForUserAsync(http, session.User, "auth.unverified_account_claimed",
                    AuditChanges.Of("method", null, "oidc:" + identity.Provider));
            }

            return session;
        }

        var registered = await grains.GetGrain<IUserGrain>(Ids.New("usr")).RegisterExternalAsync(new ExternalRegistration
        {
            Login = login,
            Email = identity.Email,
            Name = identity.Name ?? "",
            EmailVerified = identity.EmailVerified,
            AdoptWorkspaceId = demo.Adoptable ? DemoWorkspace.Id : null,
        });
        return registered.Session;
    }

    /// <summary>Where the provider sends the browser back: the configured base URL, else the deployment's public address,
    /// never the request's Host header (a redirect_uri chosen by the caller).</summary>
    private static string CallbackUrl(PublicAddress publicAddress, string provider, OidcOptions options)
    {
        var root = options.PublicBaseUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/')
            : publicAddress.Root ?? throw new ServiceUnavailableException($"No public address is known yet: set {PublicAddress.Setting}.");
        return $"{root}/api/v1/auth/oidc/{Uri.EscapeDataString(provider)}/callback";
    }

    /// <summary>A path of this site (not "//host", which browsers read as another site), or an address under a configured
    /// dashboard address: same scheme, host and port, and a path below the configured one (compared parsed, so
    /// <c>https://dashboard.example.com.evil.example</c> or <c>https://dashboard.example.com@evil.example</c> never pass
    /// for <c>https://dashboard.example.com</c>).</summary>
    internal static bool IsAllowedReturnUrl(string returnUrl, OidcOptions options)
    {
        if (returnUrl.Length > 2048 || ControlCharacters.Contains(returnUrl) || returnUrl.Contains('\\'))
        {
            return false;
        }

        if (returnUrl.StartsWith('/'))
        {
            return !returnUrl.StartsWith("//", StringComparison.Ordinal);
        }

        return Uri.TryCreate(returnUrl, UriKind.Absolute, out var target) && target.Scheme is "https" or "http" && string.IsNullOrEmpty(target.UserInfo)
            && options.AllowedReturnUrls.Any(allowed => Uri.TryCreate(allowed, UriKind.Absolute, out var root)
                && string.Equals(root.Scheme, target.Scheme, StringComparison.OrdinalIgnoreCase)
                && string.Equals(root.IdnHost, target.IdnHost, StringComparison.OrdinalIgnoreCase)
                && root.Port == target.Port
                && IsBelow(target.AbsolutePath, root.AbsolutePath));
    }

    private static bool IsBelow(string path, string root) =>
        root.EndsWith('/')
            ? path.StartsWith(root, StringComparison.Ordinal)
            : path == root || path.StartsWith(root + "/", StringComparison.Ordinal);
}

/// <summary>An identity provider the sign-in page offers, and the URL that starts its flow.</summary>
public sealed record SignInProviderResponse(string Name, string DisplayName, string StartUrl);
