namespace FollowUp.Tests.Core.Ladder;

/// <summary>Due steps are kept under the UTC minute they fall due, so a scan reads only the minutes up to now.</summary>
[Trait("Category", "Unit")]
public sealed class DueEntryTests
{
    [Theory]
    [InlineData("2026-11-23T14:15:00Z", "202611231415")]
    [InlineData("2026-11-23T14:15:59.999Z", "202611231415")] // seconds are dropped
    [InlineData("2026-11-23T09:15:30-05:00", "202611231415")] // always the UTC minute
    [InlineData("2027-01-01T04:59:00+05:00", "202612312359")]
    public void The_bucket_is_the_utc_minute(string at, string bucket) =>
        Assert.Equal(bucket, DueEntry.Bucket(DateTimeOffset.Parse(at)));

    [Fact]
    public void Buckets_sort_as_text_in_time_order_across_days_months_and_years()
    {
        string[] moments = ["2026-09-30T23:59:00Z", "2026-10-01T00:00:00Z", "2026-12-31T23:59:00Z", "2027-01-01T00:00:00Z", "2027-01-01T00:01:00Z"];

        var buckets = moments.Select(m => DueEntry.Bucket(DateTimeOffset.Parse(m))).ToList();

        Assert.Equal(buckets, buckets.Order(StringComparer.Ordinal));
        Assert.Equal(moments.Length, buckets.Distinct().Count());
    }

    [Fact]
    public void An_entry_is_keyed_by_its_minute_then_its_inquiry_and_step()
    {
        var due = DateTimeOffset.Parse("2026-11-23T14:10:00Z");

        var entry = DueEntry.For("20261123140000-K3F9Q2XD", "remind", due);

        Assert.Equal(("202611231410", "20261123140000-K3F9Q2XD|remind"), (entry.PartitionKey, entry.RowKey));
        Assert.Equal(("20261123140000-K3F9Q2XD", "remind", due), (entry.InquiryId, entry.Step, entry.DueAt));
    }
}
