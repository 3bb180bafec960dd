using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FollowUp.Hosting;
using FollowUp.Hosting.OpenApi;
using FollowUp.Intake;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace FollowUp.Tests.Hosting;

/// <summary>
/// <c>/api/openapi.json</c> as it is served: a valid OpenAPI 3.1 document that has every route and method the
/// host indexes, each described beside its function, and every refusal as the one problem-details schema.
/// </summary>
[Trait("Category", "Unit")]
public sealed partial class OpenApiDocumentTests
{
    private const string ProblemRef = "#/components/schemas/" + ApiDocument.ProblemSchema;

    private static readonly Lazy<string> Served = new(() =>
        System.Text.Encoding.UTF8.GetString(new ApiDescription(Options.Create(new JsonOptions())).Utf8));

    private static JsonObject Document => JsonNode.Parse(Served.Value)!.AsObject();

    [Fact]
    public void The_document_reads_as_openapi_3_1_without_errors_or_rule_violations()
    {
        var (document, diagnostic) = OpenApiDocument.Parse(Served.Value, "json");

        Assert.StartsWith("3.1", Document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic!.SpecificationVersion);
        Assert.True(diagnostic.Errors.Count == 0, "Reading it: " + string.Join("\n", diagnostic.Errors.Select(e => $"{e.Pointer}: {e.Message}")));
        Assert.NotNull(document);
        var broken = document.Validate(ValidationRuleSet.GetDefaultRuleSet())?.ToList() ?? [];
        Assert.True(broken.Count == 0, "Validating it: " + string.Join("\n", broken.Select(e => $"{e.Pointer}: {e.Message}")));
        Assert.True(document.Components?.Schemas?.ContainsKey(ApiDocument.ProblemSchema) == true);
    }

    [Fact]
    public void Every_route_and_method_the_host_indexes_is_in_the_document()
    {
        var paths = Document["paths"]!.AsObject();

        string[] missing = [.. from function in FunctionCatalog.Http
                               from method in function.Methods
                               let path = RouteParameter().Replace(function.Route, "{${name}}")
                               where paths[path]?[method.ToLowerInvariant()] is null
                               select $"{method} {path} ({function.Name})"];
        Assert.NotEmpty(FunctionCatalog.Http);
        Assert.Equal([], missing);
        Assert.NotNull(paths["/api/openapi.json"]?["get"]);
    }

    [Fact]
    public void Every_http_function_is_described_beside_it()
    {
        Assert.Equal([], Undescribed(FunctionCatalog.Http));
    }

    [Fact]
    public void A_function_without_a_description_is_named_with_what_to_add()
    {
        var undescribed = typeof(OpenApiDocumentTests).GetMethod(nameof(NotDescribed), BindingFlags.NonPublic | BindingFlags.Static)!;
        var function = new HttpFunction("VoiceCall", undescribed, "/api/twilio/voice", ["POST"], Microsoft.Azure.Functions.Worker.AuthorizationLevel.Anonymous);

        var message = Assert.Single(Undescribed([.. FunctionCatalog.Http, function]));

        Assert.Contains("VoiceCall (POST /api/twilio/voice)", message, StringComparison.Ordinal);
        Assert.Contains("[ApiOperation(", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_operation_that_can_refuse_input_answers_4xx_with_the_problem_schema_and_every_refusal_uses_it()
    {
        var operations = (from path in Document["paths"]!.AsObject()
                          from operation in path.Value!.AsObject()
                          select (Name: $"{operation.Key.ToUpperInvariant()} {path.Key}", Operation: operation.Value!.AsObject())).ToList();

        string[] withoutProblem = [.. from o in operations
                                      where o.Operation["requestBody"] is not null || o.Operation["security"] is not null
                                          || o.Operation["parameters"]?.AsArray().Any(p => p!["in"]!.GetValue<string>() == "path") == true
                                      where !o.Operation["responses"]!.AsObject().Any(r => r.Key.StartsWith('4') && RefersToProblem(r.Value!))
                                      select o.Name];
        string[] refusalsNotProblems = [.. from o in operations
                                           from r in o.Operation["responses"]!.AsObject()
                                           where r.Key[0] == '4' && !RefersToProblem(r.Value!)
                                           select $"{o.Name} {r.Key}"];
        Assert.True(operations.Count > FunctionCatalog.Http.Count / 2);
        Assert.Equal([], withoutProblem);
        Assert.Equal([], refusalsNotProblems);
    }

    [Fact]
    public void The_problem_schema_has_the_rfc_9457_members_and_field_errors()
    {
        var problem = Document["components"]!["schemas"]![ApiDocument.ProblemSchema]!["properties"]!.AsObject();

        Assert.Equal(["detail", "errors", "instance", "status", "title", "type"], problem.Select(p => p.Key).Where(k => k != "extensions").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_intake_bodies_have_every_field_the_reader_takes()
    {
        var schemas = Document["components"]!["schemas"]!;
        var fields = typeof(Fields).GetFields().Select(f => (string)f.GetValue(null)!).Append(new IntakeOptions().HoneypotField).ToList();

        string[] inquiry = [.. schemas[nameof(InquiryForm)]!["properties"]!.AsObject().Select(p => p.Key)];
        string[] referral = [.. schemas[nameof(ReferralForm)]!["properties"]!.AsObject().Select(p => p.Key)];
        Assert.Equal(fields.Where(f => !f.StartsWith("referrer", StringComparison.Ordinal)).Order(), inquiry.Order());
        Assert.Equal(fields.Order(), referral.Order());
    }

    [Fact]
    public void Staff_calls_need_the_staff_key_and_webhooks_their_provider_signature()
    {
        var paths = Document["paths"]!;

        Assert.Equal("staffKey", Security(paths["/api/staff/inquiries/{id}/claim"]!["post"]!));
        Assert.Equal("twilioSignature", Security(paths["/api/twilio/inbound"]!["post"]!));
        Assert.Equal("inboundParseKey", Security(paths["/api/sendgrid/inbound"]!["post"]!));
        Assert.Null(paths["/api/inquiries"]!["post"]!["security"]);
        Assert.NotNull(paths["/api/staff/inquiries/{id}/claim"]!["post"]!["responses"]!["401"]);
    }

    /// <summary>Each HTTP function whose description is missing, with what to add.</summary>
    private static List<string> Undescribed(IEnumerable<HttpFunction> functions) =>
        [.. functions
            .Where(f => f.Method.GetCustomAttribute<ApiOperationAttribute>() is null || !f.Method.GetCustomAttributes<ApiResponseAttribute>().Any())
            .Select(f => $"{f.Name} ({string.Join(", ", f.Methods)} {f.Route}) has no OpenAPI description: beside its [Function] add " +
                "[ApiOperation(\"what it does\", ApiCaller.<who may call it>, Body = typeof(<request type>))], [ApiResponse(<status>, typeof(<response type>))] " +
                "and [ApiProblems(<each 4xx it answers>)], as in Functions/Staff/StaffFunctions.cs.")];

    private static string? Security(JsonNode operation) => operation["security"]?[0]?.AsObject().Single().Key;

    private static bool RefersToProblem(JsonNode response) =>
        response["content"]?["application/problem+json"]?["schema"]?["$ref"]?.GetValue<string>() == ProblemRef;

    [GeneratedRegex(@"\{\**(?<name>\w+)[^}]*\}")]
    private static partial Regex RouteParameter();

    private static Task NotDescribed() => Task.CompletedTask;
}
