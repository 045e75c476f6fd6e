using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ChatSphere.Api.Auth;

/// <summary>Declares the bearer scheme (a JWT or a <c>csk_</c> API key) in the OpenAPI document and marks every operation that needs it.</summary>
public sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public const string SchemeId = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeId] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT access token or csk_ API key",
            Description = "A dashboard user's access token (POST /api/v1/auth/login) or an API key of the workspace.",
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var optional = metadata.OfType<WorkspaceAccessFilterMarker>().Any();
        if ((optional || metadata.OfType<IAuthorizeData>().Any()) && !metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security ??= [];
            if (optional)
            {
                // An empty requirement: anonymous callers (widget visitors) are welcome too.
                operation.Security.Add(new OpenApiSecurityRequirement());
            }

            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeId, context.Document)] = [] });
        }

        return Task.CompletedTask;
    }
}

/// <summary>Marks endpoints that accept a credential but do not require one (the widget paths).</summary>
public sealed class WorkspaceAccessFilterMarker;
