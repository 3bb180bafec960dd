using System.ComponentModel.DataAnnotations;

namespace FollowUp.Notifications;

internal sealed class LocalSinkOptions
{
    public const string SectionName = "FollowUp:LocalSink";

    /// <summary>The JSON-lines file each sent message is appended to; relative paths are under the content root.</summary>
    [Required]
    public string Path { get; set; } = ".followup/sent.jsonl";
}
