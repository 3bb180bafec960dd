using Azure.Data.Tables;

namespace FollowUp.Reports;

/// <summary>
/// What calls did, for one inquiry or summed over a day's inquiries: calls staff answered, calls missed, missed
/// callers texted back (with the seconds from the missed call to the text), voicemails left, click-to-calls made and
/// how many reached the prospect, and first contacts measured by a call rather than typed in.
/// </summary>
internal sealed record CallFigures(
    int Answered, int Missed, int TextedBack, IReadOnlyList<int> TextBackSeconds, int Voicemails, int Callbacks, int CallbacksReached, int FirstContactsByCall)
{
    public static readonly CallFigures None = new(0, 0, 0, [], 0, 0, 0, 0);

    public bool IsNone => this == None || (Answered + Missed + TextedBack + Voicemails + Callbacks + CallbacksReached + FirstContactsByCall == 0 && TextBackSeconds.Count == 0);

    public static CallFigures Sum(IEnumerable<CallFigures> all)
    {
        var list = all.ToList();
        return new(list.Sum(c => c.Answered), list.Sum(c => c.Missed), list.Sum(c => c.TextedBack), [.. list.SelectMany(c => c.TextBackSeconds)],
            list.Sum(c => c.Voicemails), list.Sum(c => c.Callbacks), list.Sum(c => c.CallbacksReached), list.Sum(c => c.FirstContactsByCall));
    }

    /// <summary>Reads one row of an inquiry's partition into <paramref name="tally"/>: its calls, its text-back, its first attempt.</summary>
    public static void Count(TableEntity row, InquiryEntity inquiry, Tally tally)
    {
        var key = row.RowKey;
        if (key.StartsWith(CallEntity.Prefix, StringComparison.Ordinal))
        {
            var outcome = row.GetString(nameof(CallEntity.Outcome));
            if (row.GetString(nameof(CallEntity.Direction)) == CallEntity.Callback)
            {
                tally.Callbacks++;
                tally.CallbacksReached += outcome == ContactOutcomes.Reached ? 1 : 0;
            }
            else
            {
                tally.Answered += outcome == CallEntity.Answered ? 1 : 0;
                tally.Missed += outcome == CallEntity.Missed ? 1 : 0;
            }

            tally.Voicemails += string.IsNullOrEmpty(row.GetString(nameof(CallEntity.RecordingSid))) ? 0 : 1;
        }
        else if (row.GetString(nameof(OutboxEntity.Consent)) == SmsConsent.CalledUs && row.GetString(nameof(OutboxEntity.State)) == OutboxState.Sent
            && row.GetDateTimeOffset(nameof(OutboxEntity.SentAt)) is { } sent)
        {
            tally.TextBackSeconds = Math.Max(0, (int)Math.Round((sent - inquiry.CreatedAt).TotalSeconds));
        }
        else if (key.StartsWith(AttemptEntity.Prefix, StringComparison.Ordinal) && row.GetDateTimeOffset(nameof(AttemptEntity.At)) is { } at
            && (tally.FirstAttemptAt is null || at < tally.FirstAttemptAt))
        {
            (tally.FirstAttemptAt, tally.FirstAttemptMeasured) = (at, row.GetBoolean(nameof(AttemptEntity.Measured)) == true);
        }
    }

    /// <summary>The columns <see cref="Count"/> reads.</summary>
    public static readonly string[] Columns =
        [nameof(CallEntity.Outcome), nameof(CallEntity.Direction), nameof(CallEntity.RecordingSid), nameof(OutboxEntity.Consent), nameof(OutboxEntity.SentAt), nameof(AttemptEntity.At), nameof(AttemptEntity.Measured)];

    /// <summary>One inquiry's call figures as its rows are read.</summary>
    public sealed class Tally
    {
        public int Answered { get; set; }
        public int Missed { get; set; }
        public int? TextBackSeconds { get; set; }
        public int Voicemails { get; set; }
        public int Callbacks { get; set; }
        public int CallbacksReached { get; set; }
        public DateTimeOffset? FirstAttemptAt { get; set; }
        public bool FirstAttemptMeasured { get; set; }

        public CallFigures ToFigures() => new(Answered, Missed, TextBackSeconds is null ? 0 : 1, TextBackSeconds is { } s ? [s] : [], Voicemails, Callbacks, CallbacksReached,
            FirstAttemptMeasured ? 1 : 0);
    }
}
