namespace FollowUp.Core;

/// <summary>Takes a validated submission in: a new inquiry, or a repeat joined to the open one (implemented by intake; lead import uses it).</summary>
internal interface IInquiryIntake
{
    Task<IntakeResult> SubmitAsync(Submission submission, CancellationToken cancellationToken);
}
