using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FollowUp.Hosting;
using FollowUp.Tests.Fixtures;
using FollowUp.Tests.Fixtures.FunctionsHost;
using FollowUp.Tests.Fixtures.FunctionsHost.Rpc;

namespace FollowUp.Tests.Hosting;

/// <summary>
/// The published worker, started and driven by <see cref="FakeFunctionsHost"/> over the real host-worker
/// protocol: what it indexes, HTTP through its own ASP.NET Core pipeline, queue and timer invocations,
/// a failing invocation, and a clean exit on WorkerTerminate.
/// </summary>
public sealed class WorkerUnderFakeHostTests(AzuriteFixture azurite)
{
    private const string Owner = HostedWorker.Owner;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_worker_indexes_every_function_as_the_standalone_app_serves_it()
    {
        await using var worker = await WorkerAsync();

        var indexed = worker.Host.Functions.Values.Select(Describe).Order().ToList();
        var standalone = FunctionCatalog.Http.Select(f => $"{f.Name} httpTrigger {string.Join(',', f.Methods).ToLowerInvariant()} {f.Route} {f.AuthLevel}")
            .Concat(FunctionCatalog.Queue.Select(f => $"{f.Name} queueTrigger {f.Queue} {f.Connection}"))
            .Concat(FunctionCatalog.Timer.Select(f => $"{f.Name} timerTrigger {f.Schedule}"))
            .Order().ToList();

        Assert.Equal(38, indexed.Count);
        Assert.Equal(standalone, indexed);
        Assert.NotNull(worker.Host.HttpUri);
    }

    [Fact]
    public async Task A_form_post_through_the_host_is_accepted_stored_and_acknowledged_without_the_queue_function()
    {
        await using var worker = await WorkerAsync();
        var post = new HttpRequestMessage(HttpMethod.Post, "/api/inquiries") { Content = JsonContent.Create(new { name = "Lee Park", phone = "+12125550100", consentToSms = true }) };

        var (response, invocation) = await worker.Host.InvokeHttpAsync("SubmitInquiry", worker.Http, post, Ct);

        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{response.StatusCode} {invocation.Result.Exception?.Message} {invocation.Result.Exception?.StackTrace}\n{worker.Host.Output}");
        Succeeded(invocation, worker);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        Assert.NotNull(await worker.Storage.FindInquiryAsync(id, Ct));
        // No queue function ran in this test: intake sent the acknowledgment itself, once.
        Assert.True(worker.Twilio.Messages.Count == 1, worker.Host.Output);
        var sms = Assert.Single(worker.Twilio.Messages);
        Assert.Equal("+12125550100", sms.To);
    }

    [Fact]
    public async Task A_queue_invocation_sends_the_acknowledgment_intake_left_to_the_queue()
    {
        await using var worker = await WorkerAsync(new() { ["FollowUp__Delivery__SendOnIntake"] = "false" });
        var post = new HttpRequestMessage(HttpMethod.Post, "/api/inquiries") { Content = JsonContent.Create(new { name = "Lee Park", phone = "+12125550100", consentToSms = true }) };
        await worker.Host.InvokeHttpAsync("SubmitInquiry", worker.Http, post, Ct);
        Assert.Empty(worker.Twilio.Messages);
        var queued = (await worker.Storage.Notifications.ReceiveMessageAsync(cancellationToken: Ct)).Value;

        var invocation = await worker.Host.InvokeQueueAsync("SendNotification", queued.Body.ToString(), queued.DequeueCount, Ct);
        var again = await worker.Host.InvokeQueueAsync("SendNotification", queued.Body.ToString(), queued.DequeueCount + 1, Ct);

        Succeeded(invocation, worker);
        Succeeded(again, worker);
        Assert.Equal("+12125550100", Assert.Single(worker.Twilio.Messages).To);
    }

    [Fact]
    public async Task A_timer_invocation_takes_the_due_ladder_step()
    {
        await using var worker = await WorkerAsync();
        var post = new HttpRequestMessage(HttpMethod.Post, "/api/inquiries") { Content = JsonContent.Create(new { name = "Lee Park", email = "lee@example.com" }) };
        var (response, _) = await worker.Host.InvokeHttpAsync("SubmitInquiry", worker.Http, post, Ct);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;

        var invocation = await worker.Host.InvokeTimerAsync("ScanDueWindows", Ct);

        Succeeded(invocation, worker);
        Assert.Equal(Ladder.Lapse, (await worker.Storage.FindInquiryAsync(id, Ct))!.NextStep);
        // The step queued the owner's reminder; the queue function sends it.
        var queued = (await worker.Storage.Notifications.ReceiveMessagesAsync(32, cancellationToken: Ct)).Value;
        foreach (var message in queued)
        {
            Succeeded(await worker.Host.InvokeQueueAsync("SendNotification", message.Body.ToString(), message.DequeueCount, Ct), worker);
        }

        var reminder = Assert.Single(worker.Twilio.Messages, m => m.To == Owner);
        Assert.Contains($"FollowUp {IdGenerator.ShortCode(id)}: please contact Lee Park", reminder.Body);
    }

    [Fact]
    public async Task A_failing_invocation_is_reported_to_the_host_as_a_failure()
    {
        await using var tables = new FaultyProxy(azurite.TablePort, seed: 7);
        await using var queues = new FaultyProxy(azurite.QueuePort, seed: 8);
        await using var worker = await WorkerAsync(new() { ["AzureWebJobsStorage"] = FaultyProxy.ConnectionString(tables, queues) });
        await worker.Host.WaitForApplicationStartedAsync(Ct);
        tables.BusyRate = 1; // every table request now answers 503

        var invocation = await worker.Host.InvokeQueueAsync("SendNotification", """{"inquiryId":"20261123140000-ABCD","messageId":"A1"}""", 1, Ct);

        Assert.Equal(StatusResult.Types.Status.Failure, invocation.Result.Status);
        Assert.Contains("503", invocation.Result.Exception.Message);
    }

    [Fact]
    public async Task WorkerTerminate_stops_the_worker_cleanly()
    {
        await using var worker = await WorkerAsync();

        var exitCode = await worker.Host.TerminateAsync(Ct);

        Assert.True(exitCode == 0, $"exit code {exitCode}; the worker printed:\n{worker.Host.Output}");
    }

    [Fact]
    public async Task A_worker_whose_settings_need_fixing_refuses_all_work_and_health_says_why()
    {
        await using var worker = await WorkerAsync(new Dictionary<string, string>
        {
            ["Twilio__AuthToken"] = "@Microsoft.KeyVault(VaultName=kv-fu;SecretName=twilio-auth-token)",
        });

        var (health, healthCall) = await worker.Host.InvokeHttpAsync("Health", worker.Http, new HttpRequestMessage(HttpMethod.Get, "/api/health"), Ct);
        var post = new HttpRequestMessage(HttpMethod.Post, "/api/inquiries") { Content = JsonContent.Create(new { name = "Lee Park", email = "lee@example.com" }) };
        var (submit, _) = await worker.Host.InvokeHttpAsync("SubmitInquiry", worker.Http, post, Ct);
        var queued = await worker.Host.InvokeQueueAsync("SendNotification", "{}", 1, Ct);

        Assert.True(health.StatusCode == HttpStatusCode.ServiceUnavailable, worker.Host.Output);
        var report = await health.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("misconfigured", report.GetProperty("status").GetString());
        Assert.Contains(report.GetProperty("problems").EnumerateArray(), p => p.GetString()!.StartsWith("Twilio:AuthToken is an unresolved Key Vault reference", StringComparison.Ordinal));
        Assert.DoesNotContain("kv-fu", await health.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, submit.StatusCode);
        Assert.Equal("300", submit.Headers.RetryAfter?.ToString());
        Assert.Empty(worker.Twilio.Messages);
        Assert.Equal(StatusResult.Types.Status.Failure, queued.Result.Status);
        Assert.Contains("FollowUp cannot start: Twilio:AuthToken is an unresolved Key Vault reference", worker.Host.Output);
    }

    internal static void Succeeded(InvocationResponse invocation, HostedWorker worker) =>
        Assert.True(invocation.Result.Status == StatusResult.Types.Status.Success, $"{invocation.Result.Exception?.Message}\n{invocation.Result.Exception?.StackTrace}\n{worker.Host.Output}");

    private static string Describe(RpcFunctionMetadata function)
    {
        using var binding = JsonDocument.Parse(function.RawBindings.Single(raw => JsonDocument.Parse(raw).RootElement.GetProperty("direction").GetString() == "In"));
        var trigger = binding.RootElement;
        string Text(string name) => trigger.TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";
        return trigger.GetProperty("type").GetString() switch
        {
            "httpTrigger" => $"{function.Name} httpTrigger {string.Join(',', trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()))} /{FunctionCatalog.RoutePrefix}/{Text("route")} {Text("authLevel")}",
            "queueTrigger" => $"{function.Name} queueTrigger {Text("queueName")} {Text("connection")}",
            var type => $"{function.Name} {type} {Text("schedule")}",
        };
    }

    private Task<HostedWorker> WorkerAsync(Dictionary<string, string>? settings = null) => HostedWorker.StartAsync(azurite, settings, Ct);
}
