using Microsoft.Extensions.Options;

namespace FollowUp.Pages;

/// <summary>
/// Finds the inquiry a status link shows, by the SHA-256 of its token. A token nobody was given is unknown
/// (404, nothing revealed); a link voided at erasure, whose inquiry is gone, or whose inquiry closed more than
/// <c>FollowUp:StatusPage:EndsAfterClose</c> ago has ended (410).
/// </summary>
internal sealed class StatusLinkLookup(FollowUpStorage storage, IOptions<StatusPageOptions> options, TimeProvider time)
{
    public async Task<StatusLinkFound> FindAsync(string token, CancellationToken cancellationToken)
    {
        if (!StatusLinks.IsWellFormed(token))
        {
            return new StatusLinkFound(StatusLinkState.Unknown, null);
        }

        var hash = StatusLinks.Hash(token);
        var link = await storage.Runtime.GetEntityIfExistsAsync<StatusLinkEntity>(StatusLinkEntity.Partition, hash, cancellationToken: cancellationToken);
        if (!link.HasValue)
        {
            return new StatusLinkFound(StatusLinkState.Unknown, null);
        }

        var inquiry = link.Value!.InquiryId is { } id ? await storage.FindInquiryAsync(id, cancellationToken) : null;
        if (inquiry is null || inquiry.StatusLinkHash != hash)
        {
            return new StatusLinkFound(StatusLinkState.Ended, null);
        }

        var ended = inquiry.Status == InquiryStatus.Closed && (inquiry.ClosedAt ?? inquiry.Timestamp) is { } closed
            && time.GetUtcNow() >= closed + options.Value.EndsAfterClose;
        return ended ? new StatusLinkFound(StatusLinkState.Ended, null) : new StatusLinkFound(StatusLinkState.Live, inquiry);
    }
}
