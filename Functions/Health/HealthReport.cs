namespace FollowUp.Health;

/// <summary>The health answer. <c>LastScanAt</c> is null until the ScanDueWindows timer has run once.</summary>
internal sealed record HealthReport(string Status, string Storage, int? QueueDepth, int? PoisonDepth, DateTimeOffset? LastScanAt, DateTimeOffset CheckedAt);
