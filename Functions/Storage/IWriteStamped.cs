namespace FollowUp.Storage;

/// <summary>
/// A row that records which write stored it last: a random id set just before each write. When a write's
/// answer is lost (the connection drops after storage committed it), the SDK's retry is refused because
/// the ETag moved; reading the row back and finding this write's id tells "my write landed" from
/// "someone else wrote first".
/// </summary>
internal interface IWriteStamped
{
    string? WriteId { get; set; }
}
