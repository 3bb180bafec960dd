using Azure;
using Azure.Data.Tables;

namespace FollowUp.Pages;

/// <summary>
/// The prospect's status page (function <c>StatusPage</c>, <c>GET /api/pages/p/{token}</c>) and its actions
/// (function <c>StatusAction</c>, <c>POST /api/pages/p/{token}/{action}</c>: <c>better-time</c>, <c>detail</c>,
/// <c>sorted</c>), each a plain form post answered with 303 back to the page. An unknown link answers 404 and a
/// link that has ended 410, both saying nothing about any inquiry.
/// </summary>
internal static class StatusPageApi
{
    public const string BetterTime = "better-time";
    public const string Detail = "detail";
    public const string Sorted = "sorted";

    /// <summary>Largest action body read (a detail of 1,000 characters, each up to 9 bytes once form-encoded).</summary>
    private const int MaxBodyBytes = 10_240;

    public static async Task<IResult> Show(string token, string? done, [AsParameters] StatusPageRequest request)
    {
        StatusPageHtml.SecureHeaders(request.Http.Response);
        var found = await request.Links.FindAsync(token, request.CancellationToken);
        if (found.Inquiry is not { } inquiry)
        {
            return NotShown(request, found.State);
        }

        if (inquiry.StatusOpenedAt is null)
        {
            await MarkOpenedAsync(request, inquiry);
        }

        return TypedResults.Content(await request.View.RenderAsync(inquiry, token, done, request.CancellationToken), "text/html; charset=utf-8");
    }

    public static async Task<IResult> Act(string token, string action, [AsParameters] StatusPageRequest request)
    {
        if (action is not (BetterTime or Detail or Sorted))
        {
            return TypedResults.Problem($"No action {action}: use {BetterTime}, {Detail} or {Sorted}.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        var found = await request.Links.FindAsync(token, request.CancellationToken);
        if (found.Inquiry is not { } inquiry)
        {
            StatusPageHtml.SecureHeaders(request.Http.Response);
            return NotShown(request, found.State);
        }

        // Counted per link only once the link is known to exist, so made-up tokens hold no limiter.
        if (await request.Guards.RateLimitAsync(request.Http) is { } tooMany)
        {
            return tooMany;
        }

        var page = StatusLinks.PathPrefix + token;
        if (inquiry.Status != InquiryStatus.Open)
        {
            return new SeeOther(page);
        }

        var ct = request.CancellationToken;
        if (action == Sorted)
        {
            return Answer(await request.Requests.WithdrawAsync(inquiry.Id, ct), page, Sorted, request);
        }

        var (fields, problem) = await ReadFormAsync(request.Http.Request, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (action == BetterTime)
        {
            if (CallbackSlots.Read(fields!.GetValueOrDefault("slot")) is not { } slot)
            {
                return FieldProblems.Invalid(new Dictionary<string, string[]> { ["slot"] = ["Pick one of the times offered."] });
            }

            var free = await request.Slots.FreeAsync(inquiry, request.Time.GetUtcNow(), ct);
            return free.Contains(slot)
                ? Answer(await request.Requests.MoveCallbackAsync(inquiry.Id, slot, ct), page, BetterTime, request)
                : new SeeOther(page + "?done=slot-gone");
        }

        // Control characters (a NUL, an escape) are dropped: a detail is words for a person to read.
        var text = new string([.. (fields!.GetValueOrDefault("detail") ?? "").Where(c => !char.IsControl(c) || c is '\n' or '\r' or '\t')]).Trim();
        if (text.Length is 0 or > StatusPageView.MaxDetail)
        {
            return FieldProblems.Invalid(new Dictionary<string, string[]> { ["detail"] = [$"Write a detail of 1 to {StatusPageView.MaxDetail} characters."] });
        }

        var recorded = await request.Replies.RecordAsync(inquiry.Id, new InboundReply(Channels.Page, "status page", Party.Prospect, text), ct);
        return Answer(recorded ? ProspectRequestResult.Done : ProspectRequestResult.NotFound, page, Detail, request);
    }

    private static IResult Answer(ProspectRequestResult result, string page, string done, StatusPageRequest request) => result switch
    {
        ProspectRequestResult.Done => new SeeOther($"{page}?done={done}"),
        ProspectRequestResult.Closed => new SeeOther(page),
        _ => NotShown(request, StatusLinkState.Ended),
    };

    /// <summary>404 or 410: a short page for a browser, problem details for anything else; neither says whose link it was.</summary>
    private static IResult NotShown(StatusPageRequest request, StatusLinkState state)
    {
        var (status, title, text) = state == StatusLinkState.Ended
            ? (StatusCodes.Status410Gone, "This page has ended", "This status page has ended. If you still need us, please get in touch again.")
            : (StatusCodes.Status404NotFound, "Page not found", "There is no status page at this address. Please check the link you were sent.");
        var wantsPage = request.Http.Request.Headers.Accept.Any(a => a?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
        return wantsPage
            ? TypedResults.Content(StatusPageHtml.Plain(request.Business.Value.Name, title, text), "text/html; charset=utf-8", statusCode: status)
            : TypedResults.Problem(text, statusCode: status, title: title);
    }

    private static async Task MarkOpenedAsync(StatusPageRequest request, InquiryEntity inquiry)
    {
        try
        {
            var opened = new TableEntity(inquiry.Id, inquiry.RowKey) { [nameof(InquiryEntity.StatusOpenedAt)] = request.Time.GetUtcNow() };
            await request.Storage.Inquiries.UpdateEntityAsync(opened, ETag.All, TableUpdateMode.Merge, request.CancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == StatusCodes.Status404NotFound)
        {
            // Erased as it was opened: the page shown is the last.
        }
    }

    /// <summary>The posted form's fields, or the problem with the body (415 not a form, 413 too large, 400 not UTF-8).</summary>
    private static async Task<(Dictionary<string, string>? Fields, IResult? Problem)> ReadFormAsync(HttpRequest request, CancellationToken ct)
    {
        if (!(request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            return (null, TypedResults.Problem("Post the page's form (application/x-www-form-urlencoded).", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type"));
        }

        if (await BoundedBody.ReadAsync(request, MaxBodyBytes, ct) is not { } body)
        {
            return (null, TypedResults.Problem($"The form is larger than {MaxBodyBytes:N0} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large"));
        }

        if (await UrlEncodedForm.ReadAsync(body) is not { } fields)
        {
            return (null, TypedResults.Problem("The form is not valid UTF-8.", statusCode: StatusCodes.Status400BadRequest, title: "Malformed form"));
        }

        return (fields.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal), null);
    }
}
