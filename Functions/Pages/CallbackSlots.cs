using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace FollowUp.Pages;

/// <summary>
/// The callback times a prospect may pick: 30-minute slots inside opening hours on the next
/// <c>FollowUp:StatusPage:SlotDays</c> business days that have one left, at least <see cref="Lead"/> ahead (so the
/// owner's reminder comes before the slot), minus the slots other prospects of the same owner already picked.
/// </summary>
internal sealed class CallbackSlots(FollowUpStorage storage, BusinessCalendar calendar, IOptions<StatusPageOptions> options)
{
    public static readonly TimeSpan Length = TimeSpan.FromMinutes(30);

    /// <summary>How far ahead the first slot is.</summary>
    public static readonly TimeSpan Lead = TimeSpan.FromMinutes(30);

    /// <summary>How a slot is written in a form: its UTC start to the minute.</summary>
    public const string Format = "yyyy-MM-dd'T'HH:mm'Z'";

    public static string Write(DateTimeOffset slot) => slot.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static DateTimeOffset? Read(string? text) =>
        text is { Length: <= 32 } && DateTimeOffset.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    public async Task<IReadOnlyList<DateTimeOffset>> FreeAsync(InquiryEntity inquiry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var held = await HeldAsync(inquiry, now, cancellationToken);
        var days = new List<List<DateTimeOffset>>();
        foreach (var (open, close) in calendar.OpenDays(now, options.Value.SlotDays + 1))
        {
            var free = new List<DateTimeOffset>();
            for (var slot = open; slot + Length <= close; slot += Length)
            {
                if (slot >= now + Lead && !held.Contains(slot))
                {
                    free.Add(slot);
                }
            }

            if (free.Count > 0 && days.Count < options.Value.SlotDays)
            {
                days.Add(free);
            }
        }

        return [.. days.SelectMany(d => d)];
    }

    /// <summary>Slots the owner already holds: callbacks other open inquiries of theirs moved to.</summary>
    private async Task<HashSet<DateTimeOffset>> HeldAsync(InquiryEntity inquiry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var held = new HashSet<DateTimeOffset>();
        if (inquiry.OwnerId is not { } owner)
        {
            return held;
        }

        var filter = InquiryRows.Headers($"OwnerId eq {owner} and Status eq {InquiryStatus.Open} and CallbackAt ge {now}");
        await foreach (var other in storage.Inquiries.QueryAsync<InquiryEntity>(
            filter, select: [nameof(InquiryEntity.PartitionKey), nameof(InquiryEntity.CallbackAt)], cancellationToken: cancellationToken))
        {
            if (other.Id != inquiry.Id && other.CallbackAt is { } at)
            {
                held.Add(at);
            }
        }

        return held;
    }
}
