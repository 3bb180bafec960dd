using System.Diagnostics.Metrics;

namespace FollowUp.Notifications;

/// <summary>Delivery counters, exported with the app's other metrics.</summary>
internal sealed class DeliveryMetrics
{
    public const string MeterName = "FollowUp.Notifications";

    private readonly Counter<long> _ambiguous;
    private readonly Counter<long> _sent;

    public DeliveryMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _ambiguous = meter.CreateCounter<long>("followup.notifications.ambiguous", description: "Provider calls that ended without an answer.");
        _sent = meter.CreateCounter<long>("followup.notifications.sent", description: "Messages the provider accepted, by kind and channel.");
    }

    public void Ambiguous(string channel) => _ambiguous.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void Sent(string kind, string channel) =>
        _sent.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("channel", channel));
}
