using Microsoft.Azure.Functions.Worker;

namespace FollowUp.Intake;

/// <summary>The public intake functions: forms and referrals post here, browsers land on the thank-you page.</summary>
internal sealed class IntakeFunctions(HttpEdge edge, PublicFormGuards forms)
{
    [Function("SubmitInquiry")]
    [ApiOperation("Submit an inquiry from the contact form", Body = typeof(InquiryForm), Consumes = ["application/json", "application/x-www-form-urlencoded"])]
    [ApiResponse(202, typeof(InquiryAccepted), Description = "Received (the same answer for a new inquiry, a repeat and a honeypot)")]
    [ApiResponse(303, Description = "A plain form post (without Accept: application/json): to FollowUp:Intake:ThankYouUrl or /api/thanks, with ?id=…&by=…")]
    [ApiProblems(400, 413, 415, 422, 429)]
    public Task<IResult> SubmitInquiry([HttpTrigger(AuthorizationLevel.Anonymous, "post", "options", Route = "inquiries")] HttpRequest request) =>
        edge.RunAsync(request, IntakeApi.SubmitInquiry, forms.CorsAsync, forms.RateLimitAsync);

    [Function("SubmitReferral")]
    [ApiOperation("Refer someone: the prospect's inquiry and who referred them", Body = typeof(ReferralForm), Consumes = ["application/json", "application/x-www-form-urlencoded"])]
    [ApiResponse(202, typeof(InquiryAccepted), Description = "Received (the same answer for a new inquiry, a repeat and a honeypot)")]
    [ApiResponse(303, Description = "A plain form post (without Accept: application/json): to FollowUp:Intake:ThankYouUrl or /api/thanks, with ?id=…&by=…")]
    [ApiProblems(400, 413, 415, 422, 429)]
    public Task<IResult> SubmitReferral([HttpTrigger(AuthorizationLevel.Anonymous, "post", "options", Route = "referrals")] HttpRequest request) =>
        edge.RunAsync(request, IntakeApi.SubmitReferral, forms.CorsAsync, forms.RateLimitAsync);

    [Function("ThankYou")]
    [ApiOperation("The thank-you page after a plain form post", Query = ["by: the promised time, UTC, yyyy-MM-ddTHH:mm:ssZ"])]
    [ApiResponse(200, ContentType = "text/html")]
    public Task<IResult> ThankYou([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "thanks")] HttpRequest request) =>
        edge.RunAsync(request, IntakeApi.ThankYou);
}
