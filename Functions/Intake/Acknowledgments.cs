using Microsoft.Extensions.Options;

namespace FollowUp.Intake;

/// <summary>
/// Decides who is told what when an inquiry arrives: the prospect gets an acknowledgment by their
/// channel with the promised time, and a referrer gets a thank-you. SMS goes only to those who
/// consented to it. Returns outbox rows to store with the inquiry, and notes for its timeline.
/// </summary>
internal sealed class Acknowledgments(IdGenerator ids, QuietHours quietHours, MessageTemplates templates, StatusLinks links, IOptions<BusinessOptions> business)
{
    /// <param name="statusToken">The prospect's status link token, for <c>{StatusLink}</c>.</param>
    public ComposedMessages Compose(InquiryEntity inquiry, DateTimeOffset now, string statusToken, Reachability blocked = default)
    {
        var outbox = new List<OutboxEntity>();
        var notes = new List<string>();
        var zone = business.Value.ZoneFor(inquiry.TimeZone);
        var promise = TimeInWords.Describe(inquiry.RespondBy, now, zone);
        var businessName = business.Value.Name;

        var t = templates.Current;
        var owner = inquiry.OwnerName is { } ownerName ? PersonName.First(ownerName) : MessageTemplates.NoOwner;
        var prospectValues = new Dictionary<string, string>
        {
            ["FirstName"] = PersonName.First(inquiry.Name), ["Name"] = inquiry.Name, ["Business"] = businessName, ["RespondBy"] = promise, ["Owner"] = owner,
            ["Event"] = inquiry.Source, ["StatusLink"] = links.UrlFor(statusToken),
        };
        var (sms, subject, body) = inquiry.Called ? (t.MissedCallSms, "", "")
            : inquiry.Imported ? (t.ImportAcknowledgmentSms, t.ImportAcknowledgmentEmailSubject, t.ImportAcknowledgmentEmailBody)
            : (t.AcknowledgmentSms, t.AcknowledgmentEmailSubject, t.AcknowledgmentEmailBody);
        var prospectChannel = ProspectRoutes.Channel(inquiry, blocked);
        if (prospectChannel is null)
        {
            notes.Add("No acknowledgment sent: " + blocked.WhyNeither(inquiry) + ".");
        }
        else
        {
            outbox.Add(prospectChannel == Channels.Sms
                ? Message(inquiry, MessageKinds.Acknowledgment, Channels.Sms, inquiry.Phone!, null, MessageTemplates.Render(sms, prospectValues), now, inquiry.Called ? SmsConsent.CalledUs : SmsConsent.Given)
                : Message(inquiry, MessageKinds.Acknowledgment, Channels.Email, inquiry.Email!,
                    MessageTemplates.Render(subject, prospectValues), MessageTemplates.Render(body, prospectValues), now));
            if (prospectChannel == Channels.Email && inquiry.Phone is not null && inquiry.ConsentToSms && blocked.SmsRefusal is { } refusal)
            {
                notes.Add($"Not texted: {refusal}.");
            }
        }

        if (inquiry.ReferrerName is not null)
        {
            var referrerValues = new Dictionary<string, string>
            {
                ["ProspectFirstName"] = PersonName.First(inquiry.Name), ["ReferrerFirstName"] = PersonName.First(inquiry.ReferrerName),
                ["Business"] = businessName, ["RespondBy"] = promise, ["Owner"] = owner,
            };
            if (inquiry.ReferrerEmail is not null)
            {
                outbox.Add(Message(inquiry, MessageKinds.ReferrerThanks, Channels.Email, inquiry.ReferrerEmail,
                    MessageTemplates.Render(t.ReferrerThanksEmailSubject, referrerValues), MessageTemplates.Render(t.ReferrerThanksEmailBody, referrerValues), now));
            }
            else if (inquiry.ReferrerPhone is not null && inquiry.ReferrerConsentToSms)
            {
                outbox.Add(Message(inquiry, MessageKinds.ReferrerThanks, Channels.Sms, inquiry.ReferrerPhone, null, MessageTemplates.Render(t.ReferrerThanksSms, referrerValues), now, SmsConsent.Given));
            }
            else
            {
                notes.Add("Referrer not thanked: no email address, and no consent to SMS.");
            }
        }

        return new ComposedMessages(outbox, notes);
    }

    private OutboxEntity Message(InquiryEntity inquiry, string kind, string channel, string to, string? subject, string body, DateTimeOffset now, string? consent = null) =>
        InquiryRows.NewOutbox(
            inquiry.Id, ids.NewMessageId(), kind, channel, to, subject, body, now,
            channel == Channels.Sms ? quietHours.ZoneFor(to == inquiry.Phone ? inquiry.TimeZone : null, to) : null, consent);
}

/// <summary>Messages to store in an inquiry's outbox, and why any expected message is missing.</summary>
internal sealed record ComposedMessages(IReadOnlyList<OutboxEntity> Outbox, IReadOnlyList<string> Notes);
