using Microsoft.AspNetCore.Mvc;

namespace ChatSphere.Api.Auth;

/// <summary>Writes the 401 and 403 answers of the authentication handlers as ProblemDetails.</summary>
public static class AuthProblems
{
    public static async Task WriteAsync(HttpContext http, int status, string title, string? detail = null)
    {
        if (http.Response.HasStarted)
        {
            return;
        }

        http.Response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
        }

        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    public static Task UnauthorizedAsync(HttpContext http) =>
        WriteAsync(http, StatusCodes.Status401Unauthorized, "Authentication required.",
            "Send 'Authorization: Bearer <access token or API key>'; the token may be missing, expired or revoked.");

    public static Task ForbiddenAsync(HttpContext http) =>
        WriteAsync(http, StatusCodes.Status403Forbidden, "Forbidden.", "This credential may not use this endpoint.");
}
