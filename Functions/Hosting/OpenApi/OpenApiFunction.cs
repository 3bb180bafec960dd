using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Hosting.OpenApi;

/// <summary><c>GET /api/openapi.json</c>: the OpenAPI 3.1 description of every HTTP function, for tools and integrators.</summary>
internal sealed class OpenApiFunction(HttpEdge edge)
{
    [Function("OpenApi")]
    [ApiOperation("This document: the OpenAPI 3.1 description of every HTTP function")]
    [ApiResponse(200, ContentType = "application/json")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request) =>
        edge.RunAsync(request, Document);

    private static IResult Document(ApiDescription description) => TypedResults.Bytes(description.Utf8, "application/json");
}
