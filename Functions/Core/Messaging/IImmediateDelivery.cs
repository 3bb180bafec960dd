namespace FollowUp.Core;

/// <summary>
/// Sends outbox rows right away, under the claim rules the queue function uses, without waiting for it (on
/// Flex Consumption it scales apart from HTTP). Implemented by the delivery feature; intake calls it after
/// it stores an inquiry, and the queue message it also leaves is the safety net.
/// </summary>
internal interface IImmediateDelivery
{
    /// <summary>Whether intake sends its messages itself (<c>FollowUp:Delivery:SendOnIntake</c>).</summary>
    bool SendsOnIntake { get; }

    /// <summary>Sends the rows; never throws (a failed send is left to the queue).</summary>
    Task SendNowAsync(IEnumerable<OutboxEntity> rows);
}
