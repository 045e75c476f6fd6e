using System.Text.RegularExpressions;
using ChatSphere.Api.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ChatSphere.Api.OpenApi;

/// <summary>
/// Completes every operation of the OpenAPI document with what holds for all endpoints alike, so a generated client
/// can call each one and knows every answer it may get (docs/api-and-auth.md, "The OpenAPI document"):
/// <list type="bullet">
/// <item>every <c>{parameter}</c> of the route as a required path parameter (a group's <c>{workspaceId}</c> that only
/// the access filter reads is otherwise missing);</item>
/// <item>the description from <see cref="OperationDescriptions"/> when the endpoint declares none, and the answers of
/// particular operations from <see cref="OperationAnswers"/>;</item>
/// <item>the ProblemDetails answers the pipeline gives before or around the handler: 401 where a credential is
/// required, 429 where a rate limit can apply (every request with an API key, sign-in POSTs), 404 where the route
/// names a resource, 400 and 413 where a body or parameter is bound.</item>
/// </list>
/// Answers an endpoint declares itself are kept; an endpoint with its own error shape (the OpenAI-compatible routes)
/// gets none of the binding answers.
/// </summary>
public sealed partial class OpenApiContractTransformer : IOpenApiOperationTransformer, IOpenApiDocumentTransformer
{
    private const string ProblemJson = "application/problem+json";
    private const string ProblemSchema = "ProblemDetails";
    private const string ValidationProblemSchema = "HttpValidationProblemDetails";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var path = "/" + (description.RelativePath ?? "");
        var routeParameters = RouteParameter().Matches(path).Select(m => m.Groups["name"].Value).ToArray();

        DeclarePathParameters(operation, routeParameters);
        if (string.IsNullOrWhiteSpace(operation.Description) && OperationDescriptions.For(operation.OperationId) is { } text)
        {
            operation.Description = text;
        }

        operation.Responses ??= [];
        var document = context.Document!;
        foreach (var (status, meaning) in OperationAnswers.For(operation.OperationId))
        {
            Add(operation, document, status, meaning, merge: false);
        }

        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var required = metadata.OfType<IAuthorizeData>().Any() && !anonymous;
        var optional = metadata.OfType<WorkspaceAccessFilterMarker>().Any();
        if (required)
        {
            Add(operation, document, StatusCodes.Status401Unauthorized, "No credential, or one that is invalid or expired.", merge: true);
        }

        var signIn = string.Equals(description.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase)
            && path.StartsWith("/api/v1/auth", StringComparison.OrdinalIgnoreCase);
        if (required || optional || signIn)
        {
            Add(operation, document, StatusCodes.Status429TooManyRequests,
                "A rate limit was reached (the API key's, the sign-in attempts' or the chatbot's); Retry-After says when to try again.", merge: true);
        }

        // An endpoint that answers errors in a shape of its own declares its 400 itself.
        var ownErrorShape = operation.Responses.TryGetValue("400", out var declared400) && declared400.Content?.ContainsKey(ProblemJson) != true;
        if (ownErrorShape)
        {
            return Task.CompletedTask;
        }

        if (routeParameters.Length > 0)
        {
            Add(operation, document, StatusCodes.Status404NotFound,
                "The resource the route names does not exist, or is not visible to the caller.", merge: false);
        }

        var binds = description.ParameterDescriptions.Any(p => p.Source == BindingSource.Body || p.Source == BindingSource.Form
            || p.Source == BindingSource.Query || p.Source == BindingSource.Header || p.Source == BindingSource.FormFile);
        if (binds || operation.RequestBody is not null)
        {
            Add(operation, document, StatusCodes.Status400BadRequest,
                "The request is not valid: the errors map names each field at fault.", merge: false, validation: true);
        }

        if (operation.RequestBody is not null)
        {
            Add(operation, document, StatusCodes.Status413PayloadTooLarge, "The request body is larger than the endpoint accepts.", merge: false);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Describes the API in the document's info, names each server without a trailing slash (paths start with one),
    /// and makes sure the ProblemDetails schemas the operations refer to are in the document's components.
    /// </summary>
    public async Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info ??= new OpenApiInfo();
        document.Info.Title = "ChatSphere API";
        document.Info.Description ??= "The REST API of ChatSphere: accounts and workspaces, chatbots and their knowledge, conversations and chat, "
            + "models and usage, and OpenAI-compatible routes. JSON (camelCase); errors are RFC 7807 ProblemDetails "
            + "(application/problem+json), except on the OpenAI-compatible routes, which answer in OpenAI's error shape. "
            + "Authenticate with Authorization: Bearer <access token or csk_ API key>.";
        foreach (var server in document.Servers ?? [])
        {
            if (server.Url is { Length: > 1 } url && url.EndsWith('/'))
            {
                server.Url = url.TrimEnd('/');
            }
        }

        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(ProblemSchema))
        {
            document.Components.Schemas[ProblemSchema] =
                await context.GetOrCreateSchemaAsync(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), null, cancellationToken);
        }

        if (!document.Components.Schemas.ContainsKey(ValidationProblemSchema))
        {
            document.Components.Schemas[ValidationProblemSchema] =
                await context.GetOrCreateSchemaAsync(typeof(HttpValidationProblemDetails), null, cancellationToken);
        }
    }

    private static void DeclarePathParameters(OpenApiOperation operation, IEnumerable<string> names)
    {
        operation.Parameters ??= [];
        foreach (var name in names)
        {
            if (!operation.Parameters.Any(p => p.In == ParameterLocation.Path && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = name,
                    In = ParameterLocation.Path,
                    Required = true,
                    Description = $"The {Words(name)} the route names.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
            }
        }
    }

    /// <summary>Adds a ProblemDetails answer; where the code is declared already, <paramref name="merge"/> adds the
    /// problem+json content beside what it has (the pipeline answers before the endpoint's own shape applies).</summary>
    private static void Add(OpenApiOperation operation, OpenApiDocument document, int status, string text, bool merge, bool validation = false)
    {
        var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var media = new OpenApiMediaType { Schema = new OpenApiSchemaReference(validation ? ValidationProblemSchema : ProblemSchema, document) };
        if (operation.Responses!.TryGetValue(code, out var existing))
        {
            if (merge && existing is OpenApiResponse response && response.Content?.ContainsKey(ProblemJson) != true)
            {
                response.Content ??= new Dictionary<string, OpenApiMediaType>();
                response.Content[ProblemJson] = media;
            }

            return;
        }

        operation.Responses[code] = new OpenApiResponse
        {
            Description = text,
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = media },
        };
    }

    /// <summary>"workspaceId" -> "workspace id".</summary>
    private static string Words(string name) => UpperCase().Replace(name, m => " " + char.ToLowerInvariant(m.Value[0]));

    [GeneratedRegex(@"\{\*{0,2}(?<name>[A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex("[A-Z]")]
    private static partial Regex UpperCase();
}
