using System.Text.Json;
using System.Text.Json.Serialization;

namespace FollowUp.Tests.Fixtures;

/// <summary>Reads what the app's local sink "sent": one JSON line per message.</summary>
public sealed class SentMessages(string path)
{
    public IReadOnlyList<SentMessage> All()
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return [.. lines.Select(line => JsonSerializer.Deserialize<SentMessage>(line)!)];
    }

    public IReadOnlyList<SentMessage> For(string inquiryId) => [.. All().Where(m => m.InquiryId == inquiryId)];

    /// <summary>Polls until <paramref name="count"/> messages of the inquiry are sent, or fails after the deadline.</summary>
    public async Task<IReadOnlyList<SentMessage>> WaitForAsync(string inquiryId, int count = 1, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var sent = For(inquiryId);
            if (sent.Count >= count)
            {
                return sent;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Expected {count} message(s) for inquiry {inquiryId} within {within ?? TimeSpan.FromSeconds(10)}; the sink has {sent.Count}.");
            }

            await Task.Delay(25, TestContext.Current.CancellationToken);
        }
    }
}

public sealed record SentMessage(
    [property: JsonPropertyName("inquiryId")] string InquiryId,
    [property: JsonPropertyName("messageId")] string MessageId,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("channel")] string Channel,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("subject")] string? Subject,
    [property: JsonPropertyName("text")] string Text);
