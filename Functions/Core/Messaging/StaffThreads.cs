using Azure;
using Azure.Data.Tables;

namespace FollowUp.Core;

/// <summary>
/// What a bare staff command (<c>R see you at 5</c>, no code) may mean: the inquiry of the last text the
/// provider actually took for that staff phone, and whether forwards about other inquiries are still on
/// their way to it (then the app asks which code instead of guessing). Kept in <c>Runtime</c>:
/// <c>last-texted</c> / mobile, and <c>forward-waiting</c> / <c>{mobile}|{inquiry id}|{message id}</c>.
/// </summary>
internal sealed class StaffThreads(FollowUpStorage storage)
{
    private const string LastPartition = "last-texted";
    private const string WaitingPartition = "forward-waiting";

    /// <summary>A forward left waiting longer than this (its row lost to a crash) no longer makes the app ask.</summary>
    private static readonly TimeSpan WaitingForgottenAfter = TimeSpan.FromDays(3);

    /// <summary>A forward to <paramref name="mobile"/> about <paramref name="inquiryId"/> is stored and on its way.</summary>
    public Task WaitingAsync(string mobile, string inquiryId, string messageId, DateTimeOffset now, CancellationToken cancellationToken) =>
        storage.Runtime.UpsertEntityAsync(new TableEntity(WaitingPartition, WaitingKey(mobile, inquiryId, messageId)) { ["Since"] = now }, TableUpdateMode.Replace, cancellationToken);

    /// <summary>
    /// A text of <paramref name="kind"/> about <paramref name="inquiryId"/>, sent at <paramref name="sentAt"/>,
    /// reached the provider for <paramref name="mobile"/>: a bare command now means that inquiry, unless a later
    /// text is already recorded (a retry that found an earlier send never moves the pointer back).
    /// </summary>
    public async Task DeliveredAsync(string mobile, string inquiryId, string messageId, string kind, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var found = await storage.Runtime.GetEntityIfExistsAsync<TableEntity>(LastPartition, mobile, cancellationToken: cancellationToken);
            var current = found.HasValue ? found.Value : null;
            if (current?.GetDateTimeOffset("At") > sentAt)
            {
                break;
            }

            var last = new TableEntity(LastPartition, mobile) { ["InquiryId"] = inquiryId, ["At"] = sentAt, ["Kind"] = kind };
            try
            {
                await (current is null
                    ? storage.Runtime.AddEntityAsync(last, cancellationToken)
                    : storage.Runtime.UpdateEntityAsync(last, current.ETag, TableUpdateMode.Replace, cancellationToken));
                break;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another text to this phone was recorded at the same moment: compare with it.
            }
        }

        await NoLongerWaitingAsync(mobile, inquiryId, messageId, cancellationToken);
    }

    /// <summary>A forward will not go (refused, failed): it no longer waits.</summary>
    public async Task NoLongerWaitingAsync(string mobile, string inquiryId, string messageId, CancellationToken cancellationToken)
    {
        try
        {
            await storage.Runtime.DeleteEntityAsync(WaitingPartition, WaitingKey(mobile, inquiryId, messageId), cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }

    /// <summary>The inquiry of the last text delivered to <paramref name="mobile"/>, when, and what kind of text it was.</summary>
    public async Task<(string InquiryId, DateTimeOffset At, string? Kind)?> LastAsync(string mobile, CancellationToken cancellationToken)
    {
        var found = await storage.Runtime.GetEntityIfExistsAsync<TableEntity>(LastPartition, mobile, cancellationToken: cancellationToken);
        return found.HasValue && found.Value is { } row && row.GetString("InquiryId") is { } id && row.GetDateTimeOffset("At") is { } at ? (id, at, row.GetString("Kind")) : null;
    }

    /// <summary>The inquiries whose forwards to <paramref name="mobile"/> are still on their way.</summary>
    public async Task<IReadOnlySet<string>> WaitingAsync(string mobile, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var inquiries = new HashSet<string>(StringComparer.Ordinal);
        var prefix = mobile + "|";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {WaitingPartition} and RowKey ge {prefix} and RowKey lt {InquiryRows.PrefixEnd(prefix)}");
        await foreach (var row in storage.Runtime.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.GetDateTimeOffset("Since") is { } since && now - since < WaitingForgottenAfter)
            {
                inquiries.Add(row.RowKey.Split('|')[1]);
            }
        }

        return inquiries;
    }

    private static string WaitingKey(string mobile, string inquiryId, string messageId) => $"{mobile}|{inquiryId}|{messageId}";
}
