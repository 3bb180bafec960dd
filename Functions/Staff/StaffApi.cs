using Azure.Data.Tables;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace FollowUp.Staff;

/// <summary>
/// The staff API under <c>/api/staff</c>, for the staff page and tools. Every call needs a staff
/// credential (401 otherwise); changing another owner's inquiry needs a manager (403 otherwise).
/// </summary>
internal static class StaffApi
{
    public static Task<Results<Ok<InquirySummary>, ProblemHttpResult>> Claim(string id, HttpContext http, StaffActions work, CancellationToken ct) =>
        Reply(work.ClaimAsync(id, http.Caller(), ct));

    public static Task<Results<Ok<InquirySummary>, ProblemHttpResult>> Pass(string id, HttpContext http, StaffActions work, CancellationToken ct) =>
        Reply(work.PassAsync(id, http.Caller(), ct));

    public static Task<Results<Ok<InquirySummary>, ProblemHttpResult>> LogAttempt(string id, AttemptRequest request, HttpContext http, ContactAttempts work, CancellationToken ct) =>
        Reply(work.LogAttemptAsync(id, http.Caller(), request.Channel, request.Outcome, request.Note, ct));

    public static Task<Results<Ok<InquirySummary>, ProblemHttpResult>> Close(string id, CloseRequest request, HttpContext http, StaffActions work, CancellationToken ct) =>
        Reply(work.CloseAsync(id, http.Caller(), request.Outcome, ct));

    public static Task<Results<Ok<InquirySummary>, ProblemHttpResult>> Reopen(string id, HttpContext http, StaffActions work, CancellationToken ct) =>
        Reply(work.ReopenAsync(id, http.Caller(), ct));

    /// <summary>Inquiries by state (open by default) and owner (an id, or <c>me</c>), soonest due first.</summary>
    public static async Task<Results<Ok<List<InquirySummary>>, ProblemHttpResult>> ListInquiries(
        string? owner, string? state, HttpContext http, FollowUpStorage storage, InquiryVisibility visibility, CancellationToken cancellationToken)
    {
        var sees = await visibility.ForAsync(http.Caller(), cancellationToken);
        var ownerId = owner == "me" ? http.Caller().Id : owner;
        string? filter = (state ?? InquiryStatus.Open) switch
        {
            "all" => InquiryRows.Headers(),
            InquiryStatus.Open or InquiryStatus.Closed => InquiryRows.Headers($"Status eq {state ?? InquiryStatus.Open}"),
            _ => null,
        };
        if (filter is null)
        {
            return FieldProblems.Invalid(new Dictionary<string, string[]>
            {
                ["state"] = [$"state must be '{InquiryStatus.Open}', '{InquiryStatus.Closed}' or 'all'."],
            });
        }

        var list = new List<InquirySummary>();
        await foreach (var inquiry in storage.Inquiries.QueryAsync<InquiryEntity>(filter, cancellationToken: cancellationToken))
        {
            if ((ownerId is null || inquiry.OwnerId == ownerId) && sees(inquiry))
            {
                list.Add(InquirySummary.From(inquiry));
            }
        }

        return TypedResults.Ok(list.OrderBy(i => i.NextDueAt ?? i.RespondBy).ToList());
    }

    /// <summary>Who is signed in, what they may do, and the server's clock (the staff page counts time left by it).</summary>
    public static async Task<Ok<StaffMe>> Me(
        HttpContext http, StaffDirectory directory, TimeProvider time, IOptions<LeadImportOptions> import, CancellationToken cancellationToken)
    {
        var me = http.Caller();
        var isManager = await directory.IsManagerAsync(me.Id, cancellationToken);
        return TypedResults.Ok(new StaffMe(me.Id, me.Name, me.OnDuty, isManager, isManager || import.Value.AnyStaffMayImport, time.GetUtcNow()));
    }

    /// <summary>
    /// For managers: each person's open inquiries, how many are overdue (promise passed, nobody reached
    /// the prospect) and how many promises lapsed today (in the business's time zone), plus the unowned.
    /// </summary>
    public static async Task<Results<Ok<List<OwnerLoad>>, ProblemHttpResult>> Load(
        HttpContext http, StaffDirectory directory, FollowUpStorage storage, TimeProvider time, IOptions<BusinessOptions> business, CancellationToken cancellationToken)
    {
        if (!await directory.IsManagerAsync(http.Caller().Id, cancellationToken))
        {
            return TypedResults.Problem("Only managers see everyone's load.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }

        var now = time.GetUtcNow();
        var zone = business.Value.FindZone();
        var localNow = TimeZoneInfo.ConvertTime(now, zone);
        var startOfDay = new DateTimeOffset(localNow.Date, localNow.Offset);
        var load = (await directory.ListAsync(cancellationToken)).ToDictionary(s => s.Id, s => new OwnerLoad(s.Id, s.Name, s.OnDuty, 0, 0, 0));
        OwnerLoad For(string? id, string? name) =>
            load.TryGetValue(id ?? "", out var found) ? found : load[id ?? ""] = new OwnerLoad(id, id is null ? "Unassigned" : name ?? id, false, 0, 0, 0);

        var open = InquiryRows.Headers($"Status eq {InquiryStatus.Open}");
        await foreach (var i in storage.Inquiries.QueryAsync<InquiryEntity>(open, cancellationToken: cancellationToken))
        {
            var owner = For(i.OwnerId, i.OwnerName);
            load[owner.Id ?? ""] = owner with { Open = owner.Open + 1, Overdue = owner.Overdue + (i.KeptAt is null && i.RespondBy < now ? 1 : 0) };
        }

        // Promises that lapsed today: those the ladder recorded (even if a "no news" update has renewed the
        // promise since), and a current one that has just lapsed before the scan got to it.
        var today = business.Value.LocalDate(now);
        var lapsed = InquiryRows.Headers($"LapsedOn eq {today} or (RespondBy ge {startOfDay} and RespondBy le {now})");
        await foreach (var i in storage.Inquiries.QueryAsync<InquiryEntity>(lapsed, cancellationToken: cancellationToken))
        {
            var count = (i.LapsedOn == today ? i.LapsesThatDay : 0)
                + (i.RespondBy >= startOfDay && i.RespondBy <= now && i.LastLapsedAt != i.RespondBy && (i.KeptAt is null || i.KeptAt > i.RespondBy) ? 1 : 0);
            if (count > 0)
            {
                var owner = For(i.OwnerId, i.OwnerName);
                load[owner.Id ?? ""] = owner with { LapsedToday = owner.LapsedToday + count };
            }
        }

        return TypedResults.Ok(load.Values.OrderByDescending(l => l.Overdue).ThenByDescending(l => l.Open).ThenBy(l => l.Name).ToList());
    }

    public static async Task<Results<Ok<InquiryDetail>, ProblemHttpResult>> GetInquiry(
        string id, HttpContext http, FollowUpStorage storage, ContactAttempts work, InquiryVisibility visibility, CancellationToken cancellationToken)
    {
        if (await storage.FindInquiryAsync(id, cancellationToken) is not { } inquiry)
        {
            return TypedResults.Problem($"No inquiry {id}.", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }

        if (!(await visibility.ForAsync(http.Caller(), cancellationToken))(inquiry))
        {
            return TypedResults.Problem(
                $"It is {inquiry.OwnerName ?? "someone else"}'s; only its owner or a manager may see it.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }

        var timeline = new List<TimelineEntry>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey ge {InquiryRows.EventPrefix} and RowKey lt {InquiryRows.PrefixEnd(InquiryRows.EventPrefix)}");
        await foreach (var e in storage.Inquiries.QueryAsync<TimelineEventEntity>(filter, cancellationToken: cancellationToken))
        {
            timeline.Add(new TimelineEntry(e.At, e.Type, e.Actor, e.Detail));
        }

        var attempts = (await work.AttemptsAsync(id, cancellationToken)).OrderBy(a => a.At)
            .Select(a => new AttemptView(a.At, a.StaffName, a.Channel, a.Outcome, a.Note)).ToList();
        var calls = new List<CallView>();
        var callRows = TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey ge {CallEntity.Prefix} and RowKey lt {InquiryRows.PrefixEnd(CallEntity.Prefix)}");
        await foreach (var c in storage.Inquiries.QueryAsync<CallEntity>(callRows, cancellationToken: cancellationToken))
        {
            calls.Add(CallView.From(c));
        }

        return TypedResults.Ok(new InquiryDetail(InquirySummary.From(inquiry), inquiry.Message, timeline, attempts, [.. calls.OrderBy(c => c.At)]));
    }

    private static async Task<Results<Ok<InquirySummary>, ProblemHttpResult>> Reply(Task<WorkResult> work) => await work switch
    {
        WorkResult.Done done => TypedResults.Ok(InquirySummary.From(done.Inquiry)),
        WorkResult.Forbidden f => TypedResults.Problem(f.Reason, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden"),
        WorkResult.Conflict c => TypedResults.Problem(c.Reason, statusCode: StatusCodes.Status409Conflict, title: "Conflict"),
        WorkResult.Invalid i => FieldProblems.Invalid(new Dictionary<string, string[]> { [i.Field] = [i.Reason] }),
        _ => TypedResults.Problem("No such inquiry.", statusCode: StatusCodes.Status404NotFound, title: "Not found"),
    };
}

internal sealed record StaffMe(string Id, string Name, bool OnDuty, bool IsManager, bool MayImport, DateTimeOffset Now);

internal sealed record OwnerLoad(string? Id, string Name, bool OnDuty, int Open, int Overdue, int LapsedToday);

internal sealed record AttemptRequest(string? Channel, string? Outcome, string? Note);

internal sealed record CloseRequest(string? Outcome);

internal sealed record InquirySummary(
    string Id, string Code, string Name, string? Phone, string? Email, string Source, string Status,
    string? OwnerId, string? Owner, string? ClaimedBy, DateTimeOffset RespondBy, string? NextStep, DateTimeOffset? NextDueAt,
    int Submissions, DateTimeOffset? FirstContactedAt, DateTimeOffset? ReachedAt, string? Outcome, DateTimeOffset? ReplyPendingSince, string? LastReply,
    DateTimeOffset? UrgentAt = null)
{
    public static InquirySummary From(InquiryEntity i) => new(
        i.PartitionKey, IdGenerator.ShortCode(i.PartitionKey), i.Name, i.Phone, i.Email, i.Source, i.Status,
        i.OwnerId, i.OwnerName, i.ClaimedBy, i.RespondBy, i.NextStep, i.NextDueAt, i.Submissions, i.FirstContactedAt, i.ReachedAt, i.Outcome,
        i.ReplyPendingSince, i.LastReply, i.UrgentAt);
}

/// <summary>An inquiry with what the prospect wrote (an imported lead's company and notes included), its timeline, attempts and calls.</summary>
internal sealed record InquiryDetail(InquirySummary Inquiry, string? Message, IReadOnlyList<TimelineEntry> Timeline, IReadOnlyList<AttemptView> Attempts, IReadOnlyList<CallView> Calls);

/// <summary>
/// A call with the prospect: in (<c>missed</c>, <c>answered</c>) or a click-to-call (<c>reached</c>, <c>no-answer</c>, <c>voicemail</c>);
/// <see cref="Recording"/> is the app's own address of its voicemail (played with the staff key), never Twilio's.
/// </summary>
internal sealed record CallView(
    string CallSid, DateTimeOffset At, string Direction, string Outcome, string? Staff, int? Seconds, int? VoicemailSeconds, string? Transcript, string? Recording)
{
    public static CallView From(CallEntity c) => new(
        c.RowKey[CallEntity.Prefix.Length..], c.At, c.Direction, c.Outcome, c.StaffName, c.Seconds, c.RecordingSeconds, c.Transcript,
        c.RecordingSid is null ? null : $"/api/staff/inquiries/{Uri.EscapeDataString(c.PartitionKey)}/calls/{Uri.EscapeDataString(c.RowKey[CallEntity.Prefix.Length..])}/recording");
}

internal sealed record TimelineEntry(DateTimeOffset At, string Type, string Actor, string? Detail);

internal sealed record AttemptView(DateTimeOffset At, string By, string Channel, string Outcome, string? Note);
