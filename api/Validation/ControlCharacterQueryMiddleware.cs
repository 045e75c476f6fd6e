using ChatSphere.GrainInterfaces;
using Microsoft.AspNetCore.Mvc;

namespace ChatSphere.Api.Validation;

/// <summary>
/// Query strings get the same rule as JSON bodies (<see cref="ControlCharacterJsonConverter"/>): a parameter holding a
/// control character (<c>?q=%00</c>) is answered 400 with the parameter named, before any endpoint runs. (Kestrel
/// already refuses them in paths and headers.)
/// </summary>
public static class ControlCharacterQueryMiddleware
{
    public static IApplicationBuilder UseControlCharacterChecks(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        if (!http.Request.QueryString.HasValue)
        {
            return next(http);
        }

        Dictionary<string, string[]>? errors = null;
        foreach (var (key, values) in http.Request.Query)
        {
            if (ControlCharacters.Contains(key) || values.Any(v => v is not null && ControlCharacters.Contains(v)))
            {
                errors ??= [];
                errors[ControlCharacters.Strip(key)] = [ControlCharacters.Problem];
            }
        }

        return errors is null ? next(http) : Results.ValidationProblem(errors, title: "The query string is not valid.").ExecuteAsync(http);
    });
}
