using System.Text.Json;
using ChatSphere.Api.Auth;
using ChatSphere.GrainInterfaces.Accounts;
using ChatSphere.Api.RateLimiting;
using ChatSphere.GrainInterfaces.Errors;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace ChatSphere.Api.Errors;

/// <summary>
/// Maps errors to RFC 7807 answers: validation failures (400, with the fields at fault), malformed or
/// oversize requests (400/413), forbidden actions (403), unknown resources (404), conflicts (409), plan limits (402) and rate limits (429). Anything else is a logged 500
/// with no internals in the body.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ValidationFailedException invalid => new ValidationProblemDetails(invalid.Errors.ToDictionary(e => e.Key, e => e.Value))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more fields are invalid.",
            },
            QuotaExceededException quota => LimitProblems.Quota(quota),
            RateLimitExceededException limited => LimitProblems.RateLimited(limited, context),
            NotFoundException missing => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = $"{missing.Resource} not found.", Detail = missing.Message },
            ForbiddenException forbidden => new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Forbidden.", Detail = forbidden.Message },
            ConversationHeldException held => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict, Title = "Held by another agent.", Detail = held.Message,
                Extensions = { ["holder"] = new { id = held.Holder.Id, name = held.Holder.Name } },
            },
            ConflictException conflict => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "Conflict.", Detail = conflict.Message },
            ServiceUnavailableException unavailable => new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = "Service unavailable.", Detail = unavailable.Message },
            BadHttpRequestException bad => FromBadRequest(bad),
            UnauthenticatedException or InvalidCredentialsException => new ProblemDetails { Status = StatusCodes.Status401Unauthorized, Title = "Authentication required.", Detail = exception.Message },
            AccountLockedException locked => LockedOut(context, locked),
            _ => null,
        };

        if (problem is null)
        {
            return false;
        }

        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails LockedOut(HttpContext context, AccountLockedException locked)
    {
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(locked.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = "Too many failed sign-ins.", Detail = locked.Message };
    }

    private static ProblemDetails FromBadRequest(BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new ProblemDetails { Status = bad.StatusCode, Title = "The request body is too large.", Detail = bad.Message };
        }

        // The JSON reader names the place it failed ("$.text"), which is the field at fault.
        if (bad.InnerException is Validation.ControlCharacterException control)
        {
            var field = string.IsNullOrEmpty(control.Path) || control.Path == "$" ? "body" : control.Path.TrimStart('$').TrimStart('.');
            return new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [GrainInterfaces.ControlCharacters.Problem] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more fields are invalid.",
            };
        }

        if (bad.InnerException is JsonException json)
        {
            var field = string.IsNullOrEmpty(json.Path) ? "$" : json.Path;
            return new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = ["The value is not valid JSON of the expected type."] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request body is not valid.",
            };
        }

        return new ProblemDetails { Status = bad.StatusCode, Title = "The request is not valid.", Detail = bad.Message };
    }
}
