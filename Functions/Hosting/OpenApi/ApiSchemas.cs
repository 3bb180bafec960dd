using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;

namespace FollowUp.Hosting.OpenApi;

/// <summary>
/// The document's JSON schemas, exported from the C# types with the app's own serializer options (so a
/// schema names each property as the app writes it), each named type once under <c>components/schemas</c>.
/// </summary>
internal sealed class ApiSchemas(JsonSerializerOptions options)
{
    private static readonly JsonSchemaExporterOptions Exporter = new()
    {
        TreatNullObliviousAsNonNullable = true,
        TransformSchemaNode = (context, schema) =>
        {
            var described = context.PropertyInfo?.AttributeProvider ?? context.TypeInfo.Type;
            if (described.GetCustomAttributes(typeof(DescriptionAttribute), inherit: false) is [DescriptionAttribute { Description: var text }, ..]
                && schema is JsonObject node)
            {
                node.Insert(0, "description", text);
            }

            return schema;
        },
    };

    private readonly JsonSerializerOptions _options = ReadOnly(options);

    public JsonObject Components { get; } = [];

    /// <summary>A reference to <paramref name="type"/>'s schema, named after it unless named here (a list: an array of references to its item's).</summary>
    public JsonObject Ref(Type type, string? name = null)
    {
        if (type != typeof(string) && ItemOf(type) is { } item)
        {
            return new JsonObject { ["type"] = "array", ["items"] = Ref(item) };
        }

        name ??= type.Name;
        if (!Components.ContainsKey(name))
        {
            var schema = JsonSchemaExporter.GetJsonSchemaAsNode(_options, type, Exporter);
            // A type that contains itself refers to its own root ("#"); in the document that root is here.
            Rebase(schema, $"#/components/schemas/{name}");
            Components[name] = schema;
        }

        return new JsonObject { ["$ref"] = $"#/components/schemas/{name}" };
    }

    private static Type? ItemOf(Type type) =>
        type.IsArray ? type.GetElementType() : type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static void Rebase(JsonNode? node, string root)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue reference && reference.GetValue<string>() is ['#', .. var rest])
                {
                    obj["$ref"] = root + rest;
                }

                foreach (var (_, child) in obj.ToList())
                {
                    Rebase(child, root);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Rebase(child, root);
                }

                break;
        }
    }

    private static JsonSerializerOptions ReadOnly(JsonSerializerOptions options)
    {
        // The app writes numbers as numbers; the web default that also reads them from strings would make
        // every number "string or integer" in the schema.
        var copy = new JsonSerializerOptions(options) { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict };
        copy.MakeReadOnly(populateMissingResolver: true);
        return copy;
    }
}
