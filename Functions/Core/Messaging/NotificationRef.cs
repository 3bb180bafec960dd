using System.Text.Json;
using System.Text.Json.Serialization;

namespace FollowUp.Core;

/// <summary>
/// The queue message for <c>SendNotification</c>: it only names an outbox row. The row holds the
/// content and the state, so a redelivered or duplicated message can never send twice.
/// </summary>
internal sealed record NotificationRef(
    [property: JsonPropertyName("inquiryId")] string InquiryId,
    [property: JsonPropertyName("messageId")] string MessageId)
{
    public BinaryData ToBinaryData() => BinaryData.FromObjectAsJson(this);

    public static NotificationRef? Parse(string text)
    {
        try
        {
            var value = JsonSerializer.Deserialize<NotificationRef>(text);
            return value is { InquiryId.Length: > 0, MessageId.Length: > 0 } ? value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
