using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Health;

/// <summary>The <c>Health</c> function, for uptime monitors and the deployment's smoke test.</summary>
internal sealed class HealthFunction(HttpEdge edge)
{
    [Function("Health")]
    public Task<IResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) =>
        edge.RunAsync(request, HealthApi.GetHealth);
}
