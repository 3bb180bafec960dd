using Microsoft.Extensions.Options;

namespace FollowUp.Pages;

/// <summary>What the status page's handlers need, bound together.</summary>
internal sealed record StatusPageRequest(
    HttpContext Http,
    StatusLinkLookup Links,
    StatusPageView View,
    CallbackSlots Slots,
    IProspectRequests Requests,
    IInboundReplies Replies,
    FollowUpStorage Storage,
    TimeProvider Time,
    IOptions<BusinessOptions> Business,
    StatusPageGuards Guards,
    CancellationToken CancellationToken);
