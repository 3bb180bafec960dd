namespace FollowUp.Core;

/// <summary>Records a party's reply on its inquiry and tells the owner (implemented by the replies feature).</summary>
internal interface IInboundReplies
{
    /// <summary>False when there is no such inquiry (it was erased, or never was).</summary>
    Task<bool> RecordAsync(string inquiryId, InboundReply reply, CancellationToken cancellationToken);
}
