using System.ComponentModel.DataAnnotations;

namespace FollowUp.Core;

/// <summary>Limits and behaviour of lead-list imports (<c>POST /api/leads/import</c>).</summary>
internal sealed class LeadImportOptions
{
    public const string SectionName = "FollowUp:Import";

    /// <summary>The largest CSV file accepted, in bytes.</summary>
    [Range(1024, 104857600)]
    public long MaxFileBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>The most data rows one file may have; later rows are reported as not imported.</summary>
    [Range(1, 1000000)]
    public int MaxRows { get; set; } = 50000;

    /// <summary>Rows stored at once. Each row is a few storage calls, so this sets the import's speed.</summary>
    [Range(1, 64)]
    public int Parallelism { get; set; } = 8;

    /// <summary>Whether any staff member may import lead lists; by default only managers may.</summary>
    public bool AnyStaffMayImport { get; set; }

    /// <summary>Whether imported leads get the "great to meet you" acknowledgment (email, or SMS where the list says they agreed).</summary>
    public bool Acknowledge { get; set; } = true;
}
