namespace FollowUp.Core;

/// <summary>
/// How many SMS segments a text costs. Texts using only the GSM-7 alphabet take 160 characters in one
/// segment, 153 per segment when split (extension characters such as <c>€ { } [ ]</c> count twice);
/// any other character switches the whole text to UCS-2: 70 in one segment, 67 per segment when split.
/// </summary>
internal static class SmsSegments
{
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Extension = "\f^{}\\[~]|€";

    public static (int Segments, string Encoding) Count(string text)
    {
        var units = 0;
        foreach (var c in text)
        {
            if (Basic.Contains(c))
            {
                units += 1;
            }
            else if (Extension.Contains(c))
            {
                units += 2;
            }
            else
            {
                return (text.Length <= 70 ? 1 : (int)Math.Ceiling(text.Length / 67.0), "UCS-2");
            }
        }

        return (units <= 160 ? 1 : (int)Math.Ceiling(units / 153.0), "GSM-7");
    }
}

/// <summary>
/// Once the app has started (off a cold start's first request), reports what each SMS template costs with
/// typical values, and warns past two segments.
/// </summary>
internal sealed class SmsTemplateReport(
    MessageTemplates templates, StatusLinks links, Microsoft.Extensions.Options.IOptions<BusinessOptions> business, IHostApplicationLifetime lifetime, ILogger<SmsTemplateReport> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(Report, CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>One line per SMS template: its segments and encoding with the sample values.</summary>
    internal void Report()
    {
        var sample = new Dictionary<string, string>
        {
            ["FirstName"] = "Alexandra", ["Name"] = "Alexandra Smith", ["ProspectFirstName"] = "Alexandra", ["ReferrerFirstName"] = "Christopher",
            ["Business"] = business.Value.Name, ["RespondBy"] = "10:45 AM on Wednesday, November 25", ["Owner"] = "Christopher",
            ["Code"] = "7K2Q", ["Contact"] = "+12125550100", ["Staff"] = "Christopher", ["Reason"] = "Already claimed by Dana Reyes at 2026-11-23 14:05:00Z.",
            ["Command"] = "CLAIM", ["Text"] = "Yes, after 5 pm please, I am at work until then.", ["Count"] = "200", ["Until"] = "12:00 AM tomorrow",
            ["StatusLink"] = links.Typical(), ["Event"] = "the Spring Home Show", ["Week"] = "Nov 23", ["Inquiries"] = "142", ["Contacted"] = "139", ["Median"] = "6", ["InPromise"] = "88%", ["Lapsed"] = "3",
        };
        foreach (var (setting, sms, _, text) in MessageTemplates.All(templates.Current).Where(t => t.Sms))
        {
            var (segments, encoding) = SmsSegments.Count(MessageTemplates.Render(text, sample));
            if (segments > 2)
            {
                CoreLog.LongSmsTemplate(logger, setting, segments, encoding);
            }
            else
            {
                CoreLog.SmsTemplateSize(logger, setting, segments, encoding);
            }
        }
    }
}
