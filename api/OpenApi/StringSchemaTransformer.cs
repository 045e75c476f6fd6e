using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ChatSphere.Api.OpenApi;

/// <summary>
/// Gives strings back their schema. Request bodies read every string through
/// <see cref="Validation.ControlCharacterJsonConverter"/>, and a type with a converter of its own is exported as an
/// untyped schema (<c>{}</c>): the document would then call every string "anything", and clients generated from it
/// (the dashboard's types) would lose them. A string stays <c>string</c>, or <c>string | null</c> where its property may
/// hold null; lists and maps of strings say so of their items.
/// </summary>
public sealed class StringSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo;
        if (type.Type == typeof(string) && schema.Type is null)
        {
            schema.Type = IsNullable(context.JsonPropertyInfo) ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        }
        else if (type.ElementType == typeof(string) && type.Kind == JsonTypeInfoKind.Enumerable && schema.Items?.Type is null)
        {
            schema.Items = new OpenApiSchema { Type = JsonSchemaType.String };
        }
        else if (type.ElementType == typeof(string) && type.Kind == JsonTypeInfoKind.Dictionary && schema.AdditionalProperties?.Type is null)
        {
            schema.AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String };
        }

        return Task.CompletedTask;
    }

    private static bool IsNullable(JsonPropertyInfo? property) => property is not null && property.IsGetNullable;
}
