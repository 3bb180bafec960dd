using FollowUp.Storage;
using Microsoft.Extensions.Options;

namespace FollowUp.Notifications;

/// <summary>
/// Decides who is told what when an inquiry arrives: the prospect gets an acknowledgment by their
/// channel with the promised time, and a referrer gets a thank-you. SMS goes only to those who
/// consented to it. Returns outbox rows to store with the inquiry, and notes for its timeline.
/// </summary>
internal sealed class Acknowledgments(IdGenerator ids, QuietHours quietHours, IOptions<BusinessOptions> business)
{
    public ComposedMessages Compose(InquiryEntity inquiry, DateTimeOffset now)
    {
        var outbox = new List<OutboxEntity>();
        var notes = new List<string>();
        var zone = ZoneFor(inquiry.TimeZone);
        var promise = PromisedTime.Describe(inquiry.RespondBy, now, zone);
        var businessName = business.Value.Name;

        var prospectChannel = ProspectChannel(inquiry);
        if (prospectChannel is null)
        {
            notes.Add("No acknowledgment sent: no email address, and no consent to SMS.");
        }
        else
        {
            var first = FirstName(inquiry.Name);
            outbox.Add(prospectChannel == Channels.Sms
                ? Message(inquiry, MessageKinds.Acknowledgment, Channels.Sms, inquiry.Phone!, null,
                    $"Hi {first}, thanks for contacting {businessName}. We'll get back to you by {promise}. Reply STOP to opt out.", now)
                : Message(inquiry, MessageKinds.Acknowledgment, Channels.Email, inquiry.Email!, $"We got your message - {businessName}",
                    $"Hi {first},\n\nThanks for contacting {businessName}. We received your message and will get back to you by {promise}.\n\n{businessName}", now));
        }

        if (inquiry.ReferrerName is not null)
        {
            var prospect = FirstName(inquiry.Name);
            var referrer = FirstName(inquiry.ReferrerName);
            var text = $"Thank you for referring {prospect} to {businessName}, {referrer}! We'll reach out to them by {promise} and let you know when we have.";
            if (inquiry.ReferrerEmail is not null)
            {
                outbox.Add(Message(inquiry, MessageKinds.ReferrerThanks, Channels.Email, inquiry.ReferrerEmail, $"Thank you for your referral - {businessName}", text, now));
            }
            else if (inquiry.ReferrerPhone is not null && inquiry.ReferrerConsentToSms)
            {
                outbox.Add(Message(inquiry, MessageKinds.ReferrerThanks, Channels.Sms, inquiry.ReferrerPhone, null, text + " Reply STOP to opt out.", now));
            }
            else
            {
                notes.Add("Referrer not thanked: no email address, and no consent to SMS.");
            }
        }

        return new ComposedMessages(outbox, notes);
    }

    /// <summary>The prospect's preferred channel when it can be used, else whichever can.</summary>
    public static string? ProspectChannel(InquiryEntity inquiry)
    {
        var smsAllowed = inquiry.Phone is not null && inquiry.ConsentToSms;
        return inquiry.PreferredChannel switch
        {
            Channels.Sms when smsAllowed => Channels.Sms,
            _ when inquiry.Email is not null => Channels.Email,
            _ when smsAllowed => Channels.Sms,
            _ => null,
        };
    }

    private TimeZoneInfo ZoneFor(string? timeZone) =>
        timeZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? zone : business.Value.FindZone();

    private static string FirstName(string name) => name.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first : name;

    private OutboxEntity Message(InquiryEntity inquiry, string kind, string channel, string to, string? subject, string body, DateTimeOffset now)
    {
        var id = ids.NewMessageId();
        return new OutboxEntity
        {
            PartitionKey = inquiry.PartitionKey,
            RowKey = InquiryRows.Outbox(id),
            MessageId = id,
            Kind = kind,
            Channel = channel,
            Recipient = to,
            Subject = subject,
            Body = body,
            CreatedAt = now,
            RecipientTimeZone = channel == Channels.Sms
                ? quietHours.ZoneFor(to == inquiry.Phone ? inquiry.TimeZone : null, to)
                : null,
        };
    }
}

/// <summary>Messages to store in an inquiry's outbox, and why any expected message is missing.</summary>
internal sealed record ComposedMessages(IReadOnlyList<OutboxEntity> Outbox, IReadOnlyList<string> Notes);
