using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Health;

/// <summary>The <c>Health</c> function, for uptime monitors and the deployment's smoke test.</summary>
internal sealed class HealthFunction(HttpEdge edge)
{
    [Function("Health")]
    [ApiOperation("Storage reachable, queue and poison depth, the last scan")]
    [ApiResponse(200, typeof(HealthReport))]
    [ApiResponse(503, typeof(HealthReport), Description = "Storage did not answer within 5 seconds (unhealthy); or, under the Functions host, the settings need fixing (misconfigured, with problems)")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        edge.RunAsync(request, HealthApi.GetHealth);
}
