using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace FollowUp.Hosting.OpenApi;

/// <summary>
/// The OpenAPI 3.1 document of the HTTP functions: each route and method from its trigger
/// (<see cref="FunctionCatalog.Http"/>), what it does, takes and answers from the <see cref="ApiOperationAttribute"/>,
/// <see cref="ApiResponseAttribute"/> and <see cref="ApiProblemsAttribute"/> beside its <c>[Function]</c>.
/// Every refusal refers to the one problem-details schema.
/// </summary>
internal static partial class ApiDocument
{
    public const string ProblemSchema = "ProblemDetails";

    private const string ProblemJson = "application/problem+json";

    public static JsonObject Build(IEnumerable<HttpFunction> functions, JsonSerializerOptions json)
    {
        var schemas = new ApiSchemas(json);
        schemas.Ref(typeof(HttpValidationProblemDetails), ProblemSchema);
        schemas.Components[ProblemSchema]!["description"] = "RFC 9457 problem details; a 422 adds errors: each field as it was sent, with what is wrong with it.";

        var paths = new JsonObject();
        foreach (var function in functions.OrderBy(f => f.Route, StringComparer.Ordinal))
        {
            var path = (JsonObject)(paths[PathOf(function.Route)] ??= new JsonObject());
            foreach (var method in function.Methods)
            {
                path[method.ToLowerInvariant()] = method == "OPTIONS" ? Preflight(function) : Operation(function, method, schemas);
            }
        }

        return new JsonObject
        {
            ["openapi"] = "3.1.1",
            ["info"] = new JsonObject
            {
                ["title"] = "FollowUp",
                ["version"] = typeof(ApiDocument).Assembly.GetName().Version?.ToString(3) ?? "1.0.0",
                ["description"] = "Every HTTP function of FollowUp. Every refusal is RFC 9457 problem details (application/problem+json); see docs/api.md.",
            },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas.Components,
                ["securitySchemes"] = ApiSecurity.Schemes(),
            },
        };
    }

    /// <summary>The OpenAPI path of a route template: <c>{*path}</c> and <c>{id:int}</c> become <c>{path}</c> and <c>{id}</c>.</summary>
    public static string PathOf(string route) => RouteParameter().Replace(route, "{${name}}");

    private static JsonObject Operation(HttpFunction function, string method, ApiSchemas schemas)
    {
        var described = function.Method.GetCustomAttribute<ApiOperationAttribute>();
        var operation = new JsonObject
        {
            ["operationId"] = function.Methods.Count(m => m != "OPTIONS") > 1 ? function.Name + method : function.Name,
            ["summary"] = described?.Summary ?? function.Name,
            ["tags"] = new JsonArray(Feature(function)),
        };
        var parameters = new JsonArray([.. PathParameters(function.Route), .. (described?.Query ?? []).Select(QueryParameter)]);
        if (parameters.Count > 0)
        {
            operation["parameters"] = parameters;
        }

        var caller = described?.Caller ?? ApiCaller.Anyone;
        if (ApiSecurity.Requirement(caller) is { } security)
        {
            operation["security"] = security;
        }

        if (described is { Body: not null } or { Consumes.Length: > 0 })
        {
            var content = new JsonObject();
            foreach (var type in described.Consumes is [] ? ["application/json"] : described.Consumes)
            {
                content[type] = described.Body is null ? new JsonObject() : new JsonObject { ["schema"] = schemas.Ref(described.Body) };
            }

            operation["requestBody"] = new JsonObject { ["required"] = true, ["content"] = content };
        }

        var responses = new JsonObject();
        foreach (var answer in function.Method.GetCustomAttributes<ApiResponseAttribute>().OrderBy(a => a.Status))
        {
            // One status may come in several content types (a report as JSON or CSV): one response, each type in its content.
            var response = (JsonObject)(responses[Status(answer.Status)] ??= new JsonObject { ["description"] = answer.Description ?? ReasonPhrases.GetReasonPhrase(answer.Status) });
            if ((answer.ContentType ?? (answer.Body is null ? null : "application/json")) is { } type)
            {
                var content = (JsonObject)(response["content"] ??= new JsonObject());
                content[type] = answer.Body is null ? new JsonObject() : new JsonObject { ["schema"] = schemas.Ref(answer.Body) };
            }
        }

        var refusals = (function.Method.GetCustomAttribute<ApiProblemsAttribute>()?.Statuses ?? []).Concat(ApiSecurity.Refusals(caller)).Append(StatusCodes.Status503ServiceUnavailable);
        foreach (var status in refusals.Distinct().Order())
        {
            responses[Status(status)] ??= Problem(status);
        }

        operation["responses"] = responses;
        return operation;
    }

    private static string Status(int status) => status.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static JsonObject Problem(int status)
    {
        var response = new JsonObject
        {
            ["description"] = status == StatusCodes.Status503ServiceUnavailable
                ? "Storage did not answer (nothing was kept), or the app's settings need fixing (see /api/health); send it again later"
                : ReasonPhrases.GetReasonPhrase(status),
            ["content"] = new JsonObject { [ProblemJson] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = $"#/components/schemas/{ProblemSchema}" } } },
        };
        if (status is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
        {
            response["headers"] = new JsonObject
            {
                ["Retry-After"] = new JsonObject { ["description"] = "Seconds to wait before sending it again", ["schema"] = new JsonObject { ["type"] = "integer" } },
            };
        }

        return response;
    }

    /// <summary>The CORS preflight a browser sends before a cross-site post; the function answers it itself.</summary>
    private static JsonObject Preflight(HttpFunction function) => new()
    {
        ["operationId"] = function.Name + "Preflight",
        ["summary"] = "CORS preflight: allows the origins in FollowUp:Intake:AllowedOrigins",
        ["tags"] = new JsonArray(Feature(function)),
        ["responses"] = new JsonObject { ["204"] = new JsonObject { ["description"] = "With Access-Control-Allow-* headers for an allowed origin" } },
    };

    /// <summary>The feature folder the function sits in (<c>FollowUp.Intake</c>: Intake).</summary>
    private static string Feature(HttpFunction function) =>
        function.Method.DeclaringType?.Namespace?.Split('.') is [_, var feature, ..] ? feature : function.Name;

    private static IEnumerable<JsonNode> PathParameters(string route) =>
        RouteParameter().Matches(route).Select(match => Described(
            new JsonObject { ["name"] = match.Groups["name"].Value, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } },
            match.Groups["rest"].Success ? "The rest of the path (it may contain /)" : null));

    private static JsonObject QueryParameter(string parameter)
    {
        var (name, description) = parameter.Split(':', 2) is [var n, var d] ? (n.Trim(), d.Trim()) : (parameter, null);
        return Described(new JsonObject { ["name"] = name, ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string" } }, description);
    }

    private static JsonObject Described(JsonObject parameter, string? description)
    {
        if (description is not null)
        {
            parameter["description"] = description;
        }

        return parameter;
    }

    [GeneratedRegex(@"\{(?<rest>\*{1,2})?(?<name>[A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
