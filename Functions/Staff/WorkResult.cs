namespace FollowUp.Staff;

/// <summary>What came of a staff action.</summary>
internal abstract record WorkResult
{
    /// <param name="Channel">For an answer relayed to the prospect: how it goes (<c>sms</c> or <c>email</c>).</param>
    public sealed record Done(InquiryEntity Inquiry, string? Channel = null) : WorkResult;

    public sealed record NotFound : WorkResult;

    public sealed record Forbidden(string Reason) : WorkResult;

    public sealed record Conflict(string Reason) : WorkResult;

    public sealed record Invalid(string Field, string Reason) : WorkResult;
}
