using System.Net;
using System.Net.Http.Json;
using FollowUp.Tests.Fixtures;
using FollowUp.Tests.Fixtures.FunctionsHost;

namespace FollowUp.Tests.Hosting;

/// <summary>
/// Under the host, the worker's logs (masked), traces and metrics leave through the Azure Monitor
/// exporter to Application Insights, correlated with the host's invocation by its trace context.
/// </summary>
public sealed class WorkerTelemetryTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_masked_log_line_a_dependency_in_the_invocations_trace_and_a_metric_reach_application_insights()
    {
        await using var insights = await FakeAppInsights.StartAsync();
        await using var worker = await HostedWorker.StartAsync(azurite, new Dictionary<string, string> { ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = insights.ConnectionString }, Ct);
        var traceId = Guid.NewGuid().ToString("N");
        var post = new HttpRequestMessage(HttpMethod.Post, "/api/inquiries") { Content = JsonContent.Create(new { name = "Lee Park", phone = "+12125550100", consentToSms = true }) };

        var (response, _) = await worker.Host.InvokeHttpAsync("SubmitInquiry", worker.Http, post, Ct, traceId);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        // The exporters flush when the worker stops.
        Assert.Equal(0, await worker.Host.TerminateAsync(Ct));

        Assert.True(insights.Items.Count > 0, "nothing reached Application Insights; the worker printed:\n" + worker.Host.Output);
        var messages = insights.OfType("Message").Select(m => m.GetProperty("data").GetProperty("baseData").GetProperty("message").GetString()!).ToList();
        Assert.Contains(messages, m => m.StartsWith("Sent acknowledgment by sms to +1******0100", StringComparison.Ordinal));
        Assert.DoesNotContain(insights.Items, item => item.GetRawText().Contains("2125550100", StringComparison.Ordinal));
        var twilioCall = Assert.Single(insights.OfType("RemoteDependency"), d =>
            d.GetProperty("data").GetProperty("baseData").TryGetProperty("target", out var target) && target.GetString() == worker.Twilio.BaseUrl.Authority);
        Assert.Equal(traceId, twilioCall.GetProperty("tags").GetProperty("ai.operation.id").GetString());
        Assert.Contains(insights.OfType("Metric"), m => m.GetProperty("data").GetProperty("baseData").GetProperty("metrics")
            .EnumerateArray().Any(metric => metric.GetProperty("name").GetString() == "followup.notifications.sent"));
        Assert.All(insights.Items, item => Assert.Equal(FakeAppInsights.InstrumentationKey, item.GetProperty("iKey").GetString()));
    }
}
