using Microsoft.Extensions.Options;

namespace FollowUp.Core;

/// <summary>
/// Which inquiries a staff member may see, with the prospect's phone and email: managers see every one;
/// anyone else their own, the ones they claimed, and the unowned ones (to claim them), unless
/// <see cref="StaffOptions.StaffSeeEveryInquiry"/> opens all to everyone.
/// </summary>
internal sealed class InquiryVisibility(StaffDirectory directory, IOptions<StaffOptions> options)
{
    public async Task<Func<InquiryEntity, bool>> ForAsync(StaffEntity caller, CancellationToken cancellationToken)
    {
        if (options.Value.StaffSeeEveryInquiry || await directory.IsManagerAsync(caller.Id, cancellationToken))
        {
            return _ => true;
        }

        return inquiry => inquiry.OwnerId is null || inquiry.OwnerId == caller.Id || inquiry.ClaimedBy == caller.Id;
    }
}
