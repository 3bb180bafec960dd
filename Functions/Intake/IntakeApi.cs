using System.Net;
using FollowUp.Notifications;
using FollowUp.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace FollowUp.Intake;

/// <summary>
/// The public intake endpoints (functions <c>SubmitInquiry</c>, <c>SubmitReferral</c>, <c>ThankYou</c>).
/// JSON posts get 202 with the inquiry's id and promised time; plain HTML form posts get a 303 to the
/// thank-you page. Bad input gets RFC 9457 problem details: 400 malformed body, 413 too large,
/// 415 wrong content type, 422 invalid fields (with per-field errors), 429 too many posts.
/// </summary>
internal static class IntakeApi
{
    public static Task<Results<Accepted<InquiryAccepted>, SeeOther, ProblemHttpResult>> SubmitInquiry([AsParameters] IntakeRequest request) =>
        SubmitAsync(request, referral: false);

    public static Task<Results<Accepted<InquiryAccepted>, SeeOther, ProblemHttpResult>> SubmitReferral([AsParameters] IntakeRequest request) =>
        SubmitAsync(request, referral: true);

    public static async Task<ContentHttpResult> ThankYou(string? id, FollowUpStorage storage, IOptions<BusinessOptions> business, TimeProvider time, CancellationToken cancellationToken)
    {
        var promise = "as soon as we can";
        if (id is { Length: > 0 and <= 64 } && !id.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            if (await storage.FindInquiryAsync(id, cancellationToken) is { } inquiry)
            {
                promise = "by " + PromisedTime.Describe(inquiry.RespondBy, time.GetUtcNow(), business.Value.ZoneFor(inquiry.TimeZone));
            }
        }

        var name = WebUtility.HtmlEncode(business.Value.Name);
        var html = $"""
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Thank you - {name}</title></head>
            <body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5">
            <h1>Thank you</h1>
            <p>{name} received your message and will get back to you {WebUtility.HtmlEncode(promise)}.</p>
            </body></html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }

    private static async Task<Results<Accepted<InquiryAccepted>, SeeOther, ProblemHttpResult>> SubmitAsync(IntakeRequest request, bool referral)
    {
        var options = request.Options.Value;
        var body = await SubmissionReader.ReadAsync(request.Http, options.MaxBodyBytes, request.CancellationToken);
        if (body.ErrorStatus is { } status)
        {
            IntakeLog.Rejected(request.Logger, status, body.ErrorTitle!);
            return TypedResults.Problem(body.ErrorDetail, statusCode: status, title: body.ErrorTitle);
        }

        var fields = body.Fields;
        var (submission, errors) = fields is null ? (null, new Dictionary<string, string[]>(body.FieldErrors!)) : request.Validator.Validate(fields, referral);
        if (submission is null)
        {
            IntakeLog.Rejected(request.Logger, StatusCodes.Status422UnprocessableEntity, "invalid fields");
            return TypedResults.Problem(new HttpValidationProblemDetails(errors)
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "Some fields need fixing",
                Detail = "See errors for what is wrong with each field.",
            });
        }

        if (fields!.TryGetValue(options.HoneypotField, out var honeypot) && !string.IsNullOrWhiteSpace(honeypot))
        {
            // Answer exactly as for a real submission, so a bot learns nothing; store and send nothing.
            IntakeLog.HoneypotFilled(request.Logger);
            var decoy = request.Ids.NewInquiryId();
            return body.IsForm && !WantsJson(request.Http)
                ? new SeeOther(ThankYouLocation(options, decoy))
                : TypedResults.Accepted((string?)null, new InquiryAccepted(decoy, "received", request.Time.GetUtcNow(), null, null, "Thank you."));
        }

        var result = await request.Intake.SubmitAsync(submission, request.CancellationToken);
        if (body.IsForm && !WantsJson(request.Http))
        {
            return new SeeOther(ThankYouLocation(options, result.Inquiry.PartitionKey));
        }

        return TypedResults.Accepted((string?)null, InquiryAccepted.From(result, request.Business.Value, request.Time.GetUtcNow()));
    }

    private static bool WantsJson(HttpRequest request) =>
        request.Headers.Accept.Any(value => value?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true);

    private static string ThankYouLocation(IntakeOptions options, string id)
    {
        var target = string.IsNullOrEmpty(options.ThankYouUrl) ? "/api/thanks" : options.ThankYouUrl;
        return $"{target}{(target.Contains('?') ? '&' : '?')}id={Uri.EscapeDataString(id)}";
    }
}

/// <summary>What an intake endpoint needs, bound together.</summary>
internal sealed record IntakeRequest(
    HttpRequest Http,
    IntakeService Intake,
    SubmissionValidator Validator,
    IdGenerator Ids,
    IOptions<IntakeOptions> Options,
    IOptions<BusinessOptions> Business,
    TimeProvider Time,
    ILogger<IntakeService> Logger,
    CancellationToken CancellationToken);

/// <summary>The 202 body: the inquiry's id, whether it is new or joined an open one, and the promise made.</summary>
internal sealed record InquiryAccepted(string Id, string Status, DateTimeOffset RespondBy, string? Owner, string? Acknowledgment, string Message)
{
    public static InquiryAccepted From(IntakeResult result, BusinessOptions business, DateTimeOffset now)
    {
        var inquiry = result.Inquiry;
        var promise = PromisedTime.Describe(inquiry.RespondBy, now, business.ZoneFor(inquiry.TimeZone));
        var owner = inquiry.OwnerName is { } name ? Acknowledgments.FirstName(name) : null;
        var who = owner is null ? business.Name : $"{owner} from {business.Name}";
        var message = result.Joined
            ? $"Thanks, we already have your earlier message. {who} will get back to you by {promise}."
            : $"Thanks! {who} will get back to you by {promise}.";
        return new InquiryAccepted(inquiry.PartitionKey, result.Joined ? "joined" : "received", inquiry.RespondBy, owner, result.AcknowledgedBy, message);
    }
}

/// <summary>303 See Other: after a form post, the browser loads the target with GET.</summary>
internal sealed class SeeOther(string location) : IResult, IStatusCodeHttpResult
{
    public string Location { get; } = location;

    public int? StatusCode => StatusCodes.Status303SeeOther;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
        httpContext.Response.Headers.Location = Location;
        return Task.CompletedTask;
    }
}
