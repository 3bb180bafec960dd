using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Intake;

/// <summary>The public intake functions: forms and referrals post here, browsers land on the thank-you page.</summary>
internal sealed class IntakeFunctions(HttpEdge edge, PublicFormGuards forms)
{
    [Function("SubmitInquiry")]
    public Task<IResult> SubmitInquiry([HttpTrigger(AuthorizationLevel.Anonymous, "post", "options", Route = "inquiries")] HttpRequest request) =>
        edge.RunAsync(request, IntakeApi.SubmitInquiry, forms.CorsAsync, forms.RateLimitAsync);

    [Function("SubmitReferral")]
    public Task<IResult> SubmitReferral([HttpTrigger(AuthorizationLevel.Anonymous, "post", "options", Route = "referrals")] HttpRequest request) =>
        edge.RunAsync(request, IntakeApi.SubmitReferral, forms.CorsAsync, forms.RateLimitAsync);

    [Function("ThankYou")]
    public Task<IResult> ThankYou([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "thanks")] HttpRequest request) =>
        edge.RunAsync(request, IntakeApi.ThankYou);
}
