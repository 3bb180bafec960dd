using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace FollowUp.Calls;

/// <summary>
/// A caller's voicemail: the recording is kept with its call (played to staff only through the app), and its
/// transcript, or "no transcript" with its length, goes on the timeline and to the owner by text with the code.
/// </summary>
internal sealed class Voicemails(
    FollowUpStorage storage, CallTexts texts, TwilioRecordings recordings, MessageTemplates templates, TimeProvider time, IOptions<BusinessOptions> business,
    ILogger<Voicemails> logger)
{
    /// <summary>Twilio's <c>&lt;Record action&gt;</c>: false when the inquiry has no such call (erased, or never was).</summary>
    public Task<bool> RecordedAsync(string inquiryId, string callSid, string recordingSid, int seconds, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return storage.Inquiries.ChangeAsync<CallEntity, bool>(inquiryId, CallEntity.Row(callSid), call =>
        {
            if (call is null || call.RecordingSid is not null)
            {
                return RowChange<CallEntity, bool>.Stop(call is not null);
            }

            (call.RecordingSid, call.RecordingSeconds) = (recordingSid, seconds);
            return RowChange<CallEntity, bool>.Save(call, true,
                new TableTransactionAction(TableTransactionActionType.Add, InquiryRows.NewEvent(inquiryId, now, 0, "voicemail",
                    $"Voicemail left ({seconds} s); the recording is on the staff page.", actor: "prospect")));
        }, () => false, cancellationToken);
    }

    /// <summary>Twilio's <c>transcribeCallback</c>: false when the inquiry has no such call.</summary>
    public async Task<bool> TranscribedAsync(string inquiryId, string callSid, string? text, string status, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (await storage.FindInquiryAsync(inquiryId, cancellationToken) is not { } inquiry)
        {
            return false;
        }

        var transcript = status == "completed" && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;
        var people = await texts.OwnerOrOnDutyAsync(inquiry, cancellationToken);
        var sent = new List<OutboxEntity>();
        var found = await storage.Inquiries.ChangeAsync<CallEntity, bool>(inquiryId, CallEntity.Row(callSid), call =>
        {
            sent.Clear();
            if (call is null || call.Transcript is not null)
            {
                return RowChange<CallEntity, bool>.Stop(call is not null);
            }

            var seconds = (call.RecordingSeconds ?? 0).ToString(CultureInfo.InvariantCulture);
            call.Transcript = transcript ?? "";
            var body = MessageTemplates.Render(templates.Current.VoicemailSms, ("Name", inquiry.Name), ("Code", IdGenerator.ShortCode(inquiryId)),
                ("Seconds", seconds), ("Text", transcript is null ? "no transcript." : Quote(transcript)), ("Business", business.Value.Name));
            sent.AddRange(people.Select(person => texts.Row(inquiryId, MessageKinds.Voicemail, person, body, now)));
            var detail = (transcript is null ? $"Voicemail ({seconds} s): no transcript." : $"Voicemail ({seconds} s): {transcript}")
                + (sent.Count == 0 ? " Nobody on duty to tell." : $" Sent to {string.Join(", ", people.Select(p => p.Name))}.");
            return RowChange<CallEntity, bool>.Save(call, true,
                [new(TableTransactionActionType.Add, InquiryRows.NewEvent(inquiryId, now, 0, "voicemail-transcript", detail, actor: "prospect")), .. CallTexts.Adds(sent)]);
        }, () => false, cancellationToken);
        if (found)
        {
            CallsLog.Voicemail(logger, inquiryId, sent.Count, status);
            await texts.SendAsync(sent, cancellationToken);
        }

        return found;
    }

    /// <summary>
    /// A recording Twilio reported for a call no inquiry has (erased after the caller hung up, or never made): deleted at
    /// Twilio, so erasure leaves none behind. Only a value shaped like Twilio's recording sid (<c>RE</c> and 32 letters and digits).
    /// </summary>
    public async Task OrphanedAsync(string? recordingSid, CancellationToken cancellationToken)
    {
        if (recordingSid is { Length: 34 } sid && sid.StartsWith("RE", StringComparison.Ordinal) && sid.All(char.IsAsciiLetterOrDigit))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await recordings.DeleteAsync(sid);
        }
    }

    /// <summary>A transcript fit for one text: at most 300 characters.</summary>
    private static string Quote(string transcript) => transcript.Length <= 300 ? transcript : transcript[..297] + "...";
}
