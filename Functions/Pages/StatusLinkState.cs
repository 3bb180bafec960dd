namespace FollowUp.Pages;

internal enum StatusLinkState
{
    /// <summary>No such link (404).</summary>
    Unknown,

    /// <summary>The link was voided at erasure, or its inquiry closed long enough ago (410).</summary>
    Ended,

    Live,
}
