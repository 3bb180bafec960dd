namespace FollowUp.Core;

/// <summary>
/// What intake did with a submission. <see cref="Inquiry"/> and <see cref="Joined"/> are for staff (the
/// import report); the public answer uses only <see cref="ReceiptId"/> (the inquiry's id when new, a fresh
/// id when joined), <see cref="RespondBy"/> and <see cref="AcknowledgedBy"/>, which read the same either way.
/// </summary>
internal sealed record IntakeResult(InquiryEntity Inquiry, bool Joined, string ReceiptId, DateTimeOffset RespondBy, string? AcknowledgedBy);
