using System.Globalization;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace FollowUp.Reports;

/// <summary>
/// On Monday from 08:00 in the business's time zone, every manager gets last week's speed to lead: a
/// short text and the whole report by email. The <c>WeeklySummary</c> timer runs hourly (a UTC schedule
/// cannot follow a local time across daylight saving); the week's row in <c>Runtime</c> is claimed before
/// sending, so each manager gets it once even when two runs overlap. A send that fails is logged, not retried.
/// A week without inquiries sends nothing.
/// </summary>
internal sealed class WeeklySummary(
    SpeedToLead reports, StaffDirectory directory, ISmsSender sms, IEmailSender email, OutboundGate gate, FollowUpStorage storage, MessageTemplates templates,
    TimeProvider time, IOptions<BusinessOptions> business, ILogger<WeeklySummary> logger)
{
    private const string Partition = "weekly-summary";
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    public async Task<bool> SendIfDueAsync(CancellationToken cancellationToken)
    {
        var local = TimeZoneInfo.ConvertTime(time.GetUtcNow(), business.Value.FindZone());
        if (local.DayOfWeek != DayOfWeek.Monday || local.Hour < 8)
        {
            return false;
        }

        var monday = business.Value.LocalDay(local);
        try
        {
            await storage.Runtime.AddEntityAsync(new TableEntity(Partition, monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) { ["SentAt"] = time.GetUtcNow() }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }

        var report = await reports.ReportAsync(monday.AddDays(-7), monday.AddDays(-1), cancellationToken);
        var total = report.Total;
        if (total.Inquiries == 0)
        {
            return false; // nothing to report: no texts about an empty week (a new install, a closed week)
        }

        var week = report.From.ToString("MMM d", English);
        (string, string)[] values =
        [
            ("Week", week), ("Inquiries", total.Inquiries.ToString(English)), ("Contacted", total.Contacted.ToString(English)),
            ("Median", total.MedianMinutes?.ToString("0", English) ?? "-"),
            ("InPromise", total.ContactedInWindow is { } share ? Math.Round(share * 100).ToString(English) + "%" : "-"),
            ("Lapsed", total.LapsedPromises.ToString(English)), ("Business", business.Value.Name),
        ];
        var people = await directory.ListAsync(cancellationToken);
        foreach (var manager in people.Where(p => people.Any(o => o.ManagerId == p.Id)))
        {
            var id = $"weekly-{monday:yyyy-MM-dd}-{manager.Id}";
            if (manager.Mobile is { } mobile)
            {
                await SendAsync(sms.SendAsync, new OutgoingMessage(Partition, id + "-sms", MessageKinds.WeeklySummary, Channels.Sms, mobile, null,
                    MessageTemplates.Render(templates.Current.WeeklySummarySms, values)), manager.Id, cancellationToken);
            }

            if (manager.Email is { } address)
            {
                await SendAsync(email.SendAsync, new OutgoingMessage(Partition, id + "-email", MessageKinds.WeeklySummary, Channels.Email, address,
                    MessageTemplates.Render(templates.Current.WeeklySummaryEmailSubject, values), Body(report)), manager.Id, cancellationToken);
            }
        }

        return true;
    }

    /// <summary>The whole report as plain text, one block per person and per source.</summary>
    public static string Body(SpeedReport report)
    {
        var text = new StringBuilder($"Speed to lead for the inquiries received {report.From.ToString("MMMM d", English)} to {report.To.ToString("MMMM d", English)}.\n");
        foreach (var (title, lines) in new[] { ("Everyone", new[] { report.Total }), ("Per person", report.Owners.ToArray()), ("Per source", report.Sources.ToArray()) })
        {
            text.Append('\n').Append(title).Append('\n');
            foreach (var l in lines)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"- {l.Name}: {l.Inquiries} inquiries, {l.Contacted} contacted, median {l.MedianMinutes?.ToString("0", English) ?? "-"} min, 90% within {l.P90Minutes?.ToString("0", English) ?? "-"} min, " +
                    $"{(l.ContactedInWindow is { } s ? Math.Round(s * 100) + "%" : "-")} within the promise, {l.LapsedPromises} lapsed, {l.Escalations} escalated, " +
                    $"{l.NoNewsSent} \"no news\" updates, {l.AttemptsPerInquiry} attempts each, {l.RepliesUnanswered} replies unanswered\n");
            }
        }

        return text.Append("\nMinutes are business minutes from the inquiry to the first contact attempt.").ToString();
    }

    /// <summary>Sends one part of the summary if the outbound gate lets it go now (a STOP or a cap drops it: it is not worth holding a week-old report).</summary>
    private async Task SendAsync(Func<OutgoingMessage, CancellationToken, Task<SendOutcome>> send, OutgoingMessage message, string managerId, CancellationToken cancellationToken)
    {
        if (await gate.PermitDirectAsync(message, time.GetUtcNow(), cancellationToken) is { } refused)
        {
            ReportsLog.SummaryNotSent(logger, managerId, refused);
            return;
        }

        var outcome = await send(message, cancellationToken);
        if (outcome is not SendOutcome.Accepted)
        {
            ReportsLog.SummaryNotSent(logger, managerId, outcome.GetType().Name);
        }
    }
}
