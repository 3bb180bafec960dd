namespace FollowUp.Staff;

/// <summary>Calls as contact attempts (<see cref="ICallAttempts"/>): the same rules and records as an attempt typed in.</summary>
internal sealed class CallAttempts(InquiryChanges changes, ContactAttempts attempts, StaffDirectory directory) : ICallAttempts
{
    public async Task<string?> LogAsync(string inquiryId, string staffId, string outcome, string detail, bool capped, CancellationToken cancellationToken)
    {
        if (await directory.FindAsync(staffId, cancellationToken) is not { } staff)
        {
            return "no such staff member";
        }

        var result = await changes.ChangeAsync(inquiryId, staff, ownerOnly: false, cancellationToken, (inquiry, now) =>
            attempts.AttemptAsync(inquiry, staff, "phone", outcome, null, now, cancellationToken, ("call", detail), capped, measured: true));
        return Why(result);
    }

    public async Task<(int Status, string Reason)?> MayCallAsync(string inquiryId, string staffId, CancellationToken cancellationToken)
    {
        if (await directory.FindAsync(staffId, cancellationToken) is not { } staff)
        {
            return (StatusCodes.Status404NotFound, "no such staff member");
        }

        var result = await changes.ChangeAsync(inquiryId, staff, ownerOnly: true, cancellationToken, async (inquiry, now) =>
            (await attempts.CapReachedAsync(inquiry, now, cancellationToken), null));
        return result switch
        {
            WorkResult.Done => null,
            WorkResult.NotFound => (StatusCodes.Status404NotFound, "no such inquiry"),
            WorkResult.Forbidden forbidden => (StatusCodes.Status403Forbidden, forbidden.Reason),
            _ => (StatusCodes.Status409Conflict, Why(result)!),
        };
    }

    private static string? Why(WorkResult result) => result switch
    {
        WorkResult.Done => null,
        WorkResult.NotFound => "no such inquiry",
        WorkResult.Forbidden forbidden => forbidden.Reason,
        WorkResult.Conflict conflict => conflict.Reason,
        WorkResult.Invalid invalid => invalid.Reason,
        _ => "refused",
    };
}
