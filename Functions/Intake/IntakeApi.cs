using System.Globalization;
using System.Net;
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

    /// <summary>
    /// The thank-you page after a plain form post. It reads the promised time from its own link (<c>by</c>,
    /// the UTC time the answer promised), not from storage: the page is the same for a new inquiry, a
    /// repeat and a bot's decoy, and needs no lookup. A time that is not plausible shows no time.
    /// </summary>
    public static ContentHttpResult ThankYou(string? by, IOptions<BusinessOptions> business, TimeProvider time)
    {
        var promise = "as soon as we can";
        var now = time.GetUtcNow();
        if (by is { Length: <= 32 } && DateTimeOffset.TryParseExact(by, PromiseFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var promised)
            && promised > now - TimeSpan.FromDays(1) && promised < now + TimeSpan.FromDays(60))
        {
            promise = "by " + TimeInWords.Describe(promised, now, business.Value.FindZone());
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
            return FieldProblems.Invalid(body.Names.AsSent(errors));
        }

        if (options.FilledHoneypot(fields!))
        {
            // Answer exactly as for a real submission, so a bot learns nothing; store and send nothing.
            IntakeLog.HoneypotFilled(request.Logger);
            await request.Pace.PadAsync(request.Pace.Start());
            var now = request.Time.GetUtcNow();
            var p = submission.Prospect;
            return Answer(request, body.IsForm, request.Ids.NewInquiryId(), request.Calendar.RespondBy(now, submission.Kind),
                request.Answers.Channel(p), p.TimeZone);
        }

        var result = await request.Intake.SubmitAsync(submission, request.CancellationToken);
        return Answer(request, body.IsForm, result.ReceiptId, result.RespondBy, result.AcknowledgedBy, submission.Prospect.TimeZone);
    }

    /// <summary>The one answer every accepted submission gets, new, repeated or a bot's: 202 with JSON, or 303 to the thank-you page after a plain form post.</summary>
    private static Results<Accepted<InquiryAccepted>, SeeOther, ProblemHttpResult> Answer(
        IntakeRequest request, bool isForm, string receiptId, DateTimeOffset respondBy, string? acknowledgment, string? timeZone)
    {
        var business = request.Business.Value;
        var promise = TimeInWords.Describe(respondBy, request.Time.GetUtcNow(), business.ZoneFor(timeZone));
        var accepted = new InquiryAccepted(receiptId, WholeSeconds(respondBy), acknowledgment, $"Thanks! {business.Name} will get back to you by {promise}.");
        return isForm && !WantsJson(request.Http)
            ? new SeeOther(ThankYouLocation(request.Options.Value, accepted))
            : TypedResults.Accepted((string?)null, accepted);
    }

    /// <summary>Promised times are answered in UTC to the second, whichever way they were reached.</summary>
    private static DateTimeOffset WholeSeconds(DateTimeOffset at) =>
        new DateTimeOffset(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private const string PromiseFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    private static bool WantsJson(HttpRequest request) =>
        request.Headers.Accept.Any(value => value?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true);

    private static string ThankYouLocation(IntakeOptions options, InquiryAccepted accepted)
    {
        var target = string.IsNullOrEmpty(options.ThankYouUrl) ? "/api/thanks" : options.ThankYouUrl;
        var by = accepted.RespondBy.UtcDateTime.ToString(PromiseFormat, CultureInfo.InvariantCulture);
        return $"{target}{(target.Contains('?') ? '&' : '?')}id={Uri.EscapeDataString(accepted.Id)}&by={Uri.EscapeDataString(by)}";
    }
}
