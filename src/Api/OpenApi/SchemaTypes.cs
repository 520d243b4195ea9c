using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BranchArchive.Api.OpenApi;

/// <summary>
/// Types for the values our own JSON converters write (see <see cref="Http.JsonSetup"/>): the schema
/// generator sees a custom converter as "anything", which generated clients turn into unknown.
/// Timestamps are strings in date-time format; enums are one of their names.
/// </summary>
internal sealed class SchemaTypes : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        var underlying = Nullable.GetUnderlyingType(type);
        var nullable = underlying is not null;
        type = underlying ?? type;
        if (type == typeof(DateTimeOffset))
        {
            schema.Type = Typed(JsonSchemaType.String, nullable);
            schema.Format = "date-time";
        }
        else if (type.IsEnum)
        {
            // An enum is a shared component; where a property may be null, the generator already says oneOf null or it.
            schema.Type = JsonSchemaType.String;
            schema.Enum = [.. Enum.GetNames(type).Select(name => (JsonNode)JsonValue.Create(name)!)];
        }
        else if (schema.Items is null && EnumElementOf(type) is { } element)
        {
            // A list of enums (a subscription's notice kinds): the generator leaves its items out.
            schema.Items = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Enum = [.. Enum.GetNames(element).Select(name => (JsonNode)JsonValue.Create(name)!)],
            };
        }
        return Task.CompletedTask;
    }

    private static Type? EnumElementOf(Type type) =>
        type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>) && i.GetGenericArguments()[0].IsEnum)
            ?.GetGenericArguments()[0];

    private static JsonSchemaType Typed(JsonSchemaType type, bool nullable) => nullable ? type | JsonSchemaType.Null : type;
}
