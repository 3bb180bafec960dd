using FollowUp.Tests.Fixtures;

namespace FollowUp.Tests.Notifications;

/// <summary>Logs and the local sink of a running app carry contact details only masked.</summary>
public sealed class MaskTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task No_log_line_carries_a_raw_phone_number_or_email_address()
    {
        await using var app = new FollowUpApp(azurite);
        var response = await app.PostJsonAsync("/api/referrals", new
        {
            referrer = new { name = "Ann", email = "ann.referrer@example.com" },
            prospect = new { name = "Bo", phone = "+16465550111", email = "bo.prospect@example.com", consentToSms = true, preferredChannel = "sms" },
        });
        var id = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(response.Content, TestContext.Current.CancellationToken))
            .GetProperty("id").GetString()!;
        await app.Sent.WaitForAsync(id, count: 2);

        var records = app.Logs.GetSnapshot();

        Assert.Contains(records, r => r.Message.Contains("+1******0111"));
        string[] secrets = ["+16465550111", "6465550111", "ann.referrer@example.com", "bo.prospect@example.com"];
        foreach (var record in records)
        {
            var state = string.Join(" ", record.StructuredState?.Select(kv => kv.Value) ?? []);
            Assert.DoesNotContain(secrets, s => record.Message.Contains(s) || state.Contains(s) || (record.Exception?.ToString().Contains(s) ?? false));
        }
    }

    [Fact]
    public async Task Provider_calls_and_their_lookups_log_no_raw_phone_number()
    {
        await using var twilio = await FakeTwilio.StartAsync();
        await using var app = new FollowUpApp(azurite, twilio.Settings());
        twilio.Clock = app.Time.GetUtcNow;
        twilio.Script(FakeReply.Drop(afterAccepting: true)); // forces a lookup: GET …/Messages.json?To=+1…
        var id = await app.SubmitAsync(new { name = "Bo", phone = "+16465550111", consentToSms = true, preferredChannel = "sms" }, "/api/inquiries");
        await TwilioDeliveryTests.WaitForStateAsync(app, id, FollowUp.Storage.OutboxState.Sent);

        var records = app.Logs.GetSnapshot();

        Assert.Contains(records, r => r.Category?.StartsWith("System.Net.Http.HttpClient.twilio", StringComparison.Ordinal) == true);
        string[] secrets = ["+16465550111", "%2B16465550111", "6465550111", FakeTwilio.AuthToken];
        foreach (var record in records)
        {
            var state = string.Join(" ", record.StructuredState?.Select(kv => kv.Value) ?? []);
            Assert.DoesNotContain(secrets, s => record.Message.Contains(s) || state.Contains(s));
        }
    }

    [Fact]
    public async Task Outside_development_the_local_sink_keeps_no_raw_contact_details()
    {
        await using var app = new FollowUpApp(azurite) { EnvironmentName = "Production" };

        var id = await app.SubmitAsync(new { name = "Bo Chen", phone = "+16465550111", email = "bo.chen@example.com", consentToSms = true });

        var sent = Assert.Single(await app.Sent.WaitForAsync(id));
        Assert.Equal("b***@e***.com", sent.To);
        var line = Assert.Single(File.ReadAllLines(app.SinkPath));
        Assert.DoesNotContain("6465550111", line);
        Assert.DoesNotContain("bo.chen@example.com", line);
    }
}
