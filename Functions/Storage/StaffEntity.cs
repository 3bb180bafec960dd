using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace FollowUp.Storage;

/// <summary>
/// A staff member. Table <c>Staff</c>: PartitionKey <c>staff</c>, RowKey the staff id. The API key is
/// kept only as a SHA-256 hash (keys are long random strings, so a fast hash is enough).
/// </summary>
internal sealed class StaffEntity : ITableEntity
{
    public const string Partition = "staff";

    public string PartitionKey { get; set; } = Partition;
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string Name { get; set; } = "";
    public string? Mobile { get; set; }
    public string? Email { get; set; }
    public string? TimeZone { get; set; }
    public string? ManagerId { get; set; }
    public string? ApiKeyHash { get; set; }
    public bool OnDuty { get; set; } = true;

    /// <summary>Who this person is to App Service Authentication, as <see cref="PlatformPrincipal.Key"/>; empty when not set.</summary>
    public string? SignIn { get; set; }

    /// <summary>This person's own working hours, written by <see cref="WeeklyHours.Write"/>; empty means the business's.</summary>
    public string? Hours { get; set; }

    /// <summary>This person's booking page, offered on their prospects' status pages; the business's when empty.</summary>
    public string? BookingUrl { get; set; }

    /// <summary>
    /// The sources this person takes, one per line (a source may hold a comma: "Home Show, Spring 2026");
    /// empty takes all. Written by <see cref="JoinSources"/>.
    /// </summary>
    public string Sources { get; set; } = "";

    public string Id => RowKey;

    public string FirstName => Name.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var first, ..] ? first : Name;

    public bool TakesSource(string source) =>
        Sources.Length == 0 || Sources.Split('\n', StringSplitOptions.TrimEntries).Contains(source.Trim(), StringComparer.OrdinalIgnoreCase);

    public static string JoinSources(IEnumerable<string?> sources) => string.Join('\n', sources.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()));

    public static string HashKey(string apiKey) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
}
