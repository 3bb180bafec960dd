using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace FollowUp.Core;

/// <summary>
/// The business-wide daily caps on texts, counted as each text is sent (so every path that makes texts is
/// covered): texts to numbers never texted before (<see cref="SmsLimitsOptions.NewNumbersPerDay"/>) and all
/// texts (<see cref="SmsLimitsOptions.DailyBudget"/>), per business-local day. Past either, the text waits for
/// the next day and the managers are told, once per cap and day. Both counts live on one row per day
/// (<c>Runtime</c> / <c>sms-new-numbers</c> / <c>{yyyy-MM-dd}</c>: <c>Count</c> and <c>Texts</c>), taken in
/// blocks so a text costs a fraction of a counter request at volume, and one (a read and a write) at small caps.
/// </summary>
internal sealed class DailyTextCounter(
    FollowUpStorage storage, ManagerNotices managers, IOptions<SmsLimitsOptions> limits, IOptions<BusinessOptions> business)
{
    private const string Partition = "sms-new-numbers";

    /// <summary>How soon a text is looked at again when the day's counter is too busy to update.</summary>
    private static readonly TimeSpan ContendedRecheck = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The day's counter is one row: texts sent at once from this instance take turns at it, so they do not
    /// spend their tries refusing each other's ETags; only other instances can still collide.
    /// </summary>
    private readonly SemaphoreSlim _counterTurn = new(1, 1);

    private readonly Cap _newNumbers = new(
        "Count", "ManagersTold", () => limits.Value.NewNumbersPerDay, "sms-cap", "FollowUp:Sms:NewNumbersPerDay", "texts to new numbers", "today's texts to new numbers are used up");

    private readonly Cap _budget = new(
        "Texts", "BudgetManagersTold", () => limits.Value.DailyBudget, "sms-budget", "FollowUp:Sms:DailyBudget", "texts", "today's SMS budget is used up");

    /// <summary>
    /// Until when <paramref name="row"/> must wait because a day's cap it counts against is used up; null
    /// when it may go now (and then it has been counted). The first text held by a cap on a day tells the managers.
    /// </summary>
    public async Task<(DateTimeOffset Until, string Why)?> WaitAsync(OutboxEntity row, ContactEntity? contact, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (row.Channel != Channels.Sms || row.Kind == MessageKinds.SmsCapReached)
        {
            return null; // the managers' notice of a cap is never held by it
        }

        var newNumber = !MessageKinds.IsForStaff(row.Kind) && contact?.TextedAt is null && !row.CountedAsNewNumber;
        var budget = !row.CountedInBudget;
        if (!newNumber && !budget)
        {
            return null;
        }

        await _counterTurn.WaitAsync(cancellationToken);
        try
        {
            var until = await CountAsync(row, newNumber ? _newNumbers : null, budget ? _budget : null, now, cancellationToken);
            if (until is null)
            {
                row.CountedAsNewNumber |= newNumber;
                row.CountedInBudget |= budget;
            }

            return until;
        }
        finally
        {
            _counterTurn.Release();
        }
    }

    private async Task<(DateTimeOffset Until, string Why)?> CountAsync(OutboxEntity row, Cap? first, Cap? second, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var day = business.Value.LocalDate(now);
        Cap[] needed = [.. new[] { first, second }.OfType<Cap>()];
        var missing = needed.Where(cap => !cap.HasReserved(day)).ToList();
        for (var attempt = 0; missing.Count > 0 && attempt < 10; attempt++)
        {
            var found = await storage.Runtime.GetEntityIfExistsAsync<TableEntity>(Partition, day, cancellationToken: cancellationToken);
            var counter = found.HasValue && found.Value is { } stored ? stored : new TableEntity(Partition, day);
            try
            {
                if (missing.FirstOrDefault(cap => !cap.HasRoom(counter)) is { } full)
                {
                    var until = business.Value.StartOf(business.Value.LocalDay(now).AddDays(1));
                    if (counter.GetBoolean(full.ToldColumn) != true)
                    {
                        counter[full.ToldColumn] = true;
                        await SaveAsync(counter, found.HasValue, cancellationToken);
                        await managers.TellAsync(row, full.NoticeId, full.Describe(), full.Count(counter), until, now, cancellationToken);
                    }

                    return (until, full.UsedUp);
                }

                // A block of each cap this text needs, topping up one it needs whose block runs low, so both
                // rarely need the row apart: the instance counts that many texts without asking again today.
                // A cap this text does not count against is left alone, so an instance reserves nothing it may not use.
                var refill = needed.Where(cap => missing.Contains(cap) || cap.Low(day)).ToList();
                var taken = refill.Select(cap => (Cap: cap, Take: cap.Reserve(counter))).ToList();
                await SaveAsync(counter, found.HasValue, cancellationToken);
                foreach (var (cap, take) in taken)
                {
                    cap.Reserved(day, take);
                }

                missing.Clear();
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another instance changed the counter first: read it again, after a moment so both do not retry in step.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 50)), cancellationToken);
            }
        }

        if (missing.Count == 0)
        {
            foreach (var cap in needed)
            {
                cap.TakeReserved(day);
            }

            return null;
        }

        return (now + ContendedRecheck, "the day's counter is busy");
    }

    private Task SaveAsync(TableEntity counter, bool exists, CancellationToken cancellationToken) => exists
        ? storage.Runtime.UpdateEntityAsync(counter, counter.ETag, TableUpdateMode.Merge, cancellationToken)
        : storage.Runtime.AddEntityAsync(counter, cancellationToken);

    /// <summary>
    /// One daily cap: its column on the day's row, and what this instance has reserved of it. A block an instance
    /// does not use before it stops or the day ends is counted all the same, so the cap errs on the side of
    /// fewer texts, by less than a block (a two-hundredth of the cap, at most 20) per instance that texted that day.
    /// </summary>
    private sealed class Cap(string column, string toldColumn, Func<int> limit, string noticeId, string setting, string what, string usedUp)
    {
        private const int MaxBlock = 20;
        private (string Day, int Left) _reserved = ("", 0);

        public string ToldColumn => toldColumn;

        public string NoticeId => noticeId;

        private int Block => Math.Clamp(limit() / 200, 1, MaxBlock);

        public int Count(TableEntity counter) => counter.GetInt32(column) ?? 0;

        public string Describe() => $"{what} reached today's cap of {limit()} ({setting})";

        public string UsedUp => usedUp;

        public bool HasRoom(TableEntity counter) => Count(counter) < limit();

        public bool Low(string day) => _reserved.Day != day || _reserved.Left < Block / 2;

        public bool HasReserved(string day) => _reserved.Day == day && _reserved.Left > 0;

        /// <summary>Takes one text of what this instance reserved today.</summary>
        public void TakeReserved(string day) => _reserved = (day, _reserved.Left - 1);

        /// <summary>Adds a block (or what is left of the cap) to the counter row; the caller saves it.</summary>
        public int Reserve(TableEntity counter)
        {
            var take = Math.Max(0, Math.Min(Block, limit() - Count(counter)));
            counter[column] = Count(counter) + take;
            return take;
        }

        /// <summary>The block is this instance's to count texts from.</summary>
        public void Reserved(string day, int take) => _reserved = (day, (_reserved.Day == day ? _reserved.Left : 0) + take);
    }
}
