using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace FollowUp.Core;

/// <summary>
/// Quiet hours. Staff texts go only in business hours, in the staff member's own time zone. Prospect SMS: between <see cref="QuietHoursOptions.Start"/> and
/// <see cref="QuietHoursOptions.End"/> in the recipient's time zone, a text waits for the next allowed
/// minute; it is deferred, never dropped. The zone is the one the prospect gave, else the one their
/// number belongs to, else the business's.
/// </summary>
internal sealed class QuietHours(IOptions<QuietHoursOptions> options, IOptions<BusinessOptions> business, BusinessCalendar calendar)
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();
    private static readonly PhoneNumberToTimeZonesMapper Zones = PhoneNumberToTimeZonesMapper.GetInstance();

    /// <summary>The recipient's IANA zone: declared, else the phone number's (when unambiguous), else the business's.</summary>
    public string ZoneFor(string? declared, string? phone)
    {
        if (declared is not null && TimeZoneInfo.TryFindSystemTimeZoneById(declared, out _))
        {
            return declared;
        }

        if (phone is not null)
        {
            try
            {
                var zones = Zones.GetTimeZonesForNumber(Phones.Parse(phone, null));
                if (zones.Count == 1 && TimeZoneInfo.TryFindSystemTimeZoneById(zones[0], out _))
                {
                    return zones[0];
                }
            }
            catch (NumberParseException)
            {
            }
        }

        return business.Value.TimeZone;
    }

    /// <summary>When a message of this kind may go out, or null when it may go now.</summary>
    public DateTimeOffset? DeferUntil(string kind, string channel, string? zoneId, DateTimeOffset now, string? personalHours = null)
    {
        if (MessageKinds.IsForStaff(kind))
        {
            // Staff texts wait for working hours (their own, else the business's) in their own time zone.
            var opens = calendar.NextOpening(
                now, TimeZoneInfo.FindSystemTimeZoneById(zoneId ?? business.Value.TimeZone), personalHours is null ? null : WeeklyHours.Read(personalHours));
            return opens > now ? opens : null;
        }

        var quiet = options.Value;
        if (channel != Channels.Sms || (kind == MessageKinds.Acknowledgment && !quiet.IncludeAcknowledgments) || quiet.Start == quiet.End)
        {
            return null;
        }

        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId ?? business.Value.TimeZone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var inQuiet = quiet.Start < quiet.End
            ? time >= quiet.Start && time < quiet.End
            : time >= quiet.Start || time < quiet.End;
        if (!inQuiet)
        {
            return null;
        }

        var endDate = DateOnly.FromDateTime(local.DateTime);
        if (time >= quiet.End)
        {
            endDate = endDate.AddDays(1);
        }

        var end = endDate.ToDateTime(quiet.End);
        // A wall-clock time skipped by a DST change is taken one hour later.
        while (zone.IsInvalidTime(end))
        {
            end = end.AddHours(1);
        }

        return new DateTimeOffset(end, zone.GetUtcOffset(end));
    }
}
