using System.Text;
using Microsoft.Extensions.Options;
using static FollowUp.Pages.StatusPageHtml;

namespace FollowUp.Pages;

/// <summary>
/// The status page of a live inquiry: the business and its phone, the prospect's first name and what they asked,
/// who will contact them and by when (in their time zone), what has happened so far, and, while it is open, the
/// actions (each a plain form marked with <c>data-action</c>).
/// </summary>
internal sealed class StatusPageView(
    StatusStory story, CallbackSlots slots, StaffDirectory staff, TimeProvider time, IOptions<BusinessOptions> business, IOptions<StatusPageOptions> options)
{
    /// <summary>Most of a detail the page takes.</summary>
    public const int MaxDetail = 1000;

    public async Task<string> RenderAsync(InquiryEntity inquiry, string token, string? done, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var zone = business.Value.ZoneFor(inquiry.TimeZone);
        var owner = inquiry.OwnerName is { } name ? PersonName.First(name) : MessageTemplates.NoOwner;
        var when = TimeInWords.Describe(inquiry.RespondBy, now, zone);
        var open = inquiry.Status == InquiryStatus.Open;
        var promise = !open ? "This request is closed."
            : inquiry.ReachedAt is not null ? $"{owner} has been in touch with you."
            : inquiry.CallbackAt == inquiry.RespondBy ? $"{owner} will call you at {when}."
            : $"{owner} will get back to you by {when}.";
        var notice = done switch
        {
            "sorted" => "Thanks for letting us know. We have closed your request.",
            "better-time" => $"Thanks: your new time is saved, and {owner} has been told.",
            "detail" => $"Thanks: {owner} has your detail.",
            "slot-gone" => "Sorry, that time is no longer free. Please pick another.",
            _ => null,
        };

        var html = new StringBuilder("<main id=\"main\">");
        if (notice is not null)
        {
            html.Append($"<p class=\"notice\" role=\"status\">{E(notice)}</p>");
        }

        html.Append($"<h2>Hi {E(PersonName.First(inquiry.Name))}</h2>");
        html.Append(string.IsNullOrWhiteSpace(inquiry.Message)
            ? "<p>You asked us to get in touch.</p>"
            : $"<p>You asked: <q id=\"asked\">{E(inquiry.Message)}</q></p>");
        html.Append($"<p class=\"promise\" id=\"promise\">{E(promise)}</p>");
        html.Append("<h2>So far</h2><ol class=\"story\" id=\"story\">");
        foreach (var (_, line) in await story.TellAsync(inquiry, zone, now, cancellationToken))
        {
            html.Append($"<li>{E(line)}</li>");
        }

        html.Append("</ol>");
        if (open)
        {
            await AppendActionsAsync(html, inquiry, token, owner, zone, now, cancellationToken);
        }

        html.Append("</main>");
        return Document(business.Value.Name, "Your request", html.ToString(), options.Value.Phone);
    }

    private async Task AppendActionsAsync(StringBuilder html, InquiryEntity inquiry, string token, string owner, TimeZoneInfo zone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var action = StatusLinks.PathPrefix + token + "/";
        html.Append("<h2>Need something else?</h2>");
        var free = await slots.FreeAsync(inquiry, now, cancellationToken);
        if (free.Count > 0)
        {
            html.Append($"<form method=\"post\" action=\"{E(action)}better-time\" data-action=\"better-time\">"
                + $"<label for=\"slot\">Pick a better time for {E(owner)} to call</label>"
                + $"<select id=\"slot\" name=\"slot\" required>{SlotOptions(free, zone)}</select>"
                + "<button type=\"submit\">Move my call</button></form>");
        }

        html.Append($"<form method=\"post\" action=\"{E(action)}detail\" data-action=\"detail\">"
            + "<label for=\"detail\">Add a detail</label>"
            + $"<textarea id=\"detail\" name=\"detail\" maxlength=\"{MaxDetail}\" required aria-describedby=\"detail-left\"></textarea>"
            + "<p class=\"hint\" id=\"detail-left\">Up to 1,000 characters.</p>"
            + "<button type=\"submit\">Send detail</button></form>");
        var ownBooking = inquiry.OwnerId is { } ownerId ? (await staff.FindAsync(ownerId, cancellationToken))?.BookingUrl : null;
        if ((ownBooking ?? options.Value.BookingUrl) is { Length: > 0 } booking)
        {
            html.Append($"<p><a class=\"button\" data-action=\"book\" href=\"{E(booking)}\" rel=\"noopener noreferrer\">Book a time</a></p>");
        }

        html.Append($"<form method=\"post\" action=\"{E(action)}sorted\" data-action=\"sorted\">"
            + "<p>Found help elsewhere, or no longer need it?</p>"
            + "<button type=\"submit\">I've sorted it, thanks</button></form>");
    }
}
