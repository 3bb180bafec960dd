using Azure;
using Azure.Data.Tables;

namespace FollowUp.Storage;

/// <summary>
/// One call with an inquiry's prospect, in the inquiry's partition: RowKey <c>call|{CallSid}</c> (Twilio's id of the
/// call: the caller's call for one that came in, the staff leg for a click-to-call).
/// </summary>
internal sealed class CallEntity : ITableEntity, IWriteStamped
{
    /// <inheritdoc/>
    public string? WriteId { get; set; }

    public const string Prefix = "call|";

    /// <summary>A call the prospect made, and one staff made to them (click-to-call).</summary>
    public const string Inbound = "inbound";
    public const string Callback = "callback";

    /// <summary>What became of a call (<see cref="Outcome"/>); a callback ends as a contact attempt's outcome.</summary>
    public const string Missed = "missed";
    public const string Answered = "answered";
    public const string Ringing = "ringing";

    public static string Row(string callSid) => Prefix + callSid;

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    /// <summary>When it came in (or was placed).</summary>
    public DateTimeOffset At { get; set; }

    public string Direction { get; set; } = Inbound;

    /// <summary>Inbound: <c>missed</c> or <c>answered</c>. Callback: <c>ringing</c>, then <c>reached</c>, <c>no-answer</c> or <c>voicemail</c>.</summary>
    public string Outcome { get; set; } = "";

    /// <summary>Who answered it, or who called back.</summary>
    public string? StaffId { get; set; }

    public string? StaffName { get; set; }

    /// <summary>When staff answered (inbound) or the bridge ended (callback).</summary>
    public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>How long the connected leg lasted (Twilio's <c>DialCallDuration</c>).</summary>
    public int? Seconds { get; set; }

    /// <summary>Twilio's answering-machine detection on the prospect's leg of a click-to-call (<c>human</c>, <c>machine_start</c>…).</summary>
    public string? AnsweredBy { get; set; }

    /// <summary>The voicemail: Twilio's recording id (played only through the app), its length, and its transcript.</summary>
    public string? RecordingSid { get; set; }

    public int? RecordingSeconds { get; set; }

    public string? Transcript { get; set; }
}
