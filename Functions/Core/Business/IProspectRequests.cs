namespace FollowUp.Core;

/// <summary>
/// What a prospect asks for on their status page that changes how staff work the inquiry (implemented by the
/// staff feature, which owns closing and the owner's texts).
/// </summary>
internal interface IProspectRequests
{
    /// <summary>"I've sorted it": closes the inquiry as <see cref="InquiryStatus.Withdrawn"/>, stops the ladder and tells the owner.</summary>
    Task<ProspectRequestResult> WithdrawAsync(string inquiryId, CancellationToken cancellationToken);

    /// <summary>A better time: the promise moves to <paramref name="slot"/>, the ladder is planned around it and the owner is told.</summary>
    Task<ProspectRequestResult> MoveCallbackAsync(string inquiryId, DateTimeOffset slot, CancellationToken cancellationToken);
}
