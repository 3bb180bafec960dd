using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Build().Run();

/// <summary>The one function: reads the posted JSON and answers 202, as FollowUp's form post does.</summary>
public sealed class SubmitInquiry
{
    [Function(nameof(SubmitInquiry))]
    public async Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "inquiries")] HttpRequest request)
    {
        using var body = await JsonDocument.ParseAsync(request.Body);
        return new AcceptedResult((string?)null, new { id = body.RootElement.GetProperty("name").GetString() });
    }
}
