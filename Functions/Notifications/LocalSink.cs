using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace FollowUp.Notifications;

/// <summary>
/// The no-credentials sender for SMS and email: logs each message (recipient masked) and appends it
/// as one JSON line to a file, so a person running the app sees exactly what would have been sent.
/// Outside Development the file gets recipients and contact details in the text masked.
/// </summary>
internal sealed class LocalSink(IOptions<LocalSinkOptions> options, IHostEnvironment environment, TimeProvider time, ILogger<LocalSink> logger)
    : ISmsSender, IEmailSender
{
    private static readonly JsonSerializerOptions LineOptions = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // A file for people to read, never embedded in HTML: keep '+' and apostrophes legible.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public string FilePath { get; } = System.IO.Path.GetFullPath(options.Value.Path, environment.ContentRootPath);

    public async Task<SendOutcome> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        // Outside Development (a deployment left on the local sink) the file keeps no contact details.
        var raw = environment.IsDevelopment();
        var line = JsonSerializer.Serialize(
            new SentLine(
                time.GetUtcNow(), message.InquiryId, message.MessageId, message.Kind, message.Channel,
                raw ? message.To : Mask.Recipient(message.To),
                raw || message.Subject is null ? message.Subject : Mask.InText(message.Subject),
                raw ? message.Body : Mask.InText(message.Body)),
            LineOptions);

        await _gate.WaitAsync(cancellationToken);
        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(FilePath)!);
            await File.AppendAllTextAsync(FilePath, line + "\n", Utf8NoBom, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new SendOutcome.Transient("sink-unwritable", ex.GetType().Name);
        }
        finally
        {
            _gate.Release();
        }

        NotificationsLog.LocalSinkWrote(logger, message.Kind, message.Channel, Mask.Recipient(message.To), message.InquiryId, FilePath);
        return new SendOutcome.Accepted("local-" + message.MessageId);
    }

    public async Task<string?> FindSentAsync(OutgoingMessage message, DateTimeOffset since, CancellationToken cancellationToken)
    {
        if (!File.Exists(FilePath))
        {
            return null;
        }

        var needle = $"\"messageId\":\"{message.MessageId}\"";
        var lines = await File.ReadAllLinesAsync(FilePath, cancellationToken);
        return lines.Any(line => line.Contains(needle, StringComparison.Ordinal)) ? "local-" + message.MessageId : null;
    }

    private sealed record SentLine(
        [property: JsonPropertyName("at")] DateTimeOffset At,
        [property: JsonPropertyName("inquiryId")] string InquiryId,
        [property: JsonPropertyName("messageId")] string MessageId,
        [property: JsonPropertyName("kind")] string Kind,
        [property: JsonPropertyName("channel")] string Channel,
        [property: JsonPropertyName("to")] string To,
        [property: JsonPropertyName("subject")] string? Subject,
        [property: JsonPropertyName("text")] string Text);
}
