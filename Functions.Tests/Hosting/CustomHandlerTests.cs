using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FollowUp.Hosting;
using FollowUp.Storage;
using FollowUp.Tests.Fixtures;
using Microsoft.Extensions.Hosting;

namespace FollowUp.Tests.Hosting;

/// <summary>
/// The app as the Functions host runs it: FUNCTIONS_CUSTOMHANDLER_PORT set, HTTP functions forwarded
/// to their routes, queue and timer functions invoked at /{FunctionName} with the host's payloads.
/// </summary>
public sealed class CustomHandlerTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private FollowUpApp _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _app = new FollowUpApp(azurite, new Dictionary<string, string?> { [HostingMode.PortSetting] = "7999" });
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Custom_handler_mode_runs_no_queue_or_timer_loops_of_its_own()
    {
        var id = await SubmitAsync();

        var services = _app.Get<IEnumerable<IHostedService>>().ToList();
        Assert.True(services.OfType<StandaloneQueueListener>().Single().ExecuteTask!.IsCompletedSuccessfully);
        Assert.True(services.OfType<StandaloneTimers>().Single().ExecuteTask!.IsCompletedSuccessfully);
        Assert.Equal(1, (await _app.Storage.Notifications.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount);
        Assert.Empty(_app.Sent.For(id));
    }

    public static TheoryData<string> MessageEncodings => ["string", "double-encoded string", "object", "base64"];

    [Theory]
    [MemberData(nameof(MessageEncodings))]
    public async Task Queue_invocation_in_the_hosts_payload_shape_sends_the_message(string encoding)
    {
        var id = await SubmitAsync();
        var message = (await _app.Storage.Notifications.ReceiveMessageAsync(cancellationToken: Ct)).Value;
        var text = message.Body.ToString();
        JsonNode data = encoding switch
        {
            "string" => JsonValue.Create(text),
            "double-encoded string" => JsonValue.Create(JsonSerializer.Serialize(text)),
            "object" => JsonNode.Parse(text)!,
            _ => JsonValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(text))),
        };

        var response = await InvokeAsync("SendNotification", QueuePayload(data, message.MessageId, dequeueCount: 1));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(JsonValueKind.Object, body.GetProperty("Outputs").ValueKind);
        Assert.Equal(JsonValueKind.Array, body.GetProperty("Logs").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("ReturnValue").ValueKind);
        Assert.Equal("acknowledgment", Assert.Single(_app.Sent.For(id)).Kind);
    }

    [Fact]
    public async Task Host_redelivering_an_invocation_sends_once()
    {
        var id = await SubmitAsync();
        var message = (await _app.Storage.Notifications.ReceiveMessageAsync(cancellationToken: Ct)).Value;

        var first = await InvokeAsync("SendNotification", QueuePayload(JsonValue.Create(message.Body.ToString()), message.MessageId, 1));
        var second = await InvokeAsync("SendNotification", QueuePayload(JsonValue.Create(message.Body.ToString()), message.MessageId, 2));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Single(_app.Sent.For(id));
    }

    [Fact]
    public async Task Failed_invocation_answers_500_so_the_host_retries()
    {
        await using var tables = new FaultyProxy(azurite.TablePort, seed: 1);
        await using var queues = new FaultyProxy(azurite.QueuePort, seed: 2);
        await using var app = new FollowUpApp(azurite, new Dictionary<string, string?>
        {
            [HostingMode.PortSetting] = "7999",
            ["AzureWebJobsStorage"] = FaultyProxy.ConnectionString(tables, queues),
        });
        var id = await app.SubmitAsync(new { name = "Dana", email = "dana@example.com" });
        var message = (await app.Storage.Notifications.ReceiveMessageAsync(cancellationToken: Ct)).Value;

        // Storage stops answering while the function runs: the invocation fails, and the host must retry it.
        tables.BusyRate = 1;
        var response = await InvokeAsync("SendNotification", QueuePayload(JsonValue.Create(message.Body.ToString()), message.MessageId, 1), app);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var logs = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("Logs");
        Assert.Contains("SendNotification failed", Assert.Single(logs.EnumerateArray()).GetString());
        Assert.Empty(app.Sent.For(id));
    }

    [Fact]
    public async Task Invocation_for_a_row_another_worker_holds_succeeds_and_queues_a_later_look_instead_of_spending_a_try()
    {
        var id = await SubmitAsync();
        var message = (await _app.Storage.Notifications.ReceiveMessageAsync(cancellationToken: Ct)).Value;
        var row = Assert.Single(await _app.OutboxAsync(id));
        row.State = OutboxState.Sending;
        row.SendingSince = _app.Time.GetUtcNow();
        await _app.Storage.Inquiries.UpdateEntityAsync(row, row.ETag, cancellationToken: Ct);

        var response = await InvokeAsync("SendNotification", QueuePayload(JsonValue.Create(message.Body.ToString()), message.MessageId, 1));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_app.Sent.For(id));
        Assert.Equal(2, (await _app.Storage.Notifications.GetPropertiesAsync(Ct)).Value.ApproximateMessagesCount); // this one, and a later look
        Assert.Contains(_app.Logs.GetSnapshot(), r => r.Message.Contains("is being sent by another worker; looking again shortly", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Queue_invocation_without_a_message_answers_400()
    {
        var response = await InvokeAsync("SendNotification", new JsonObject { ["Data"] = new JsonObject(), ["Metadata"] = new JsonObject() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Timer_invocation_in_the_hosts_payload_shape_runs_the_scan()
    {
        var payload = new JsonObject
        {
            ["Data"] = new JsonObject
            {
                ["timer"] = new JsonObject
                {
                    ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
                    ["ScheduleStatus"] = new JsonObject { ["Last"] = "2026-11-23T13:59:00+00:00", ["Next"] = "2026-11-23T14:01:00+00:00", ["LastUpdated"] = "2026-11-23T13:59:00+00:00" },
                    ["IsPastDue"] = false,
                },
            },
            ["Metadata"] = new JsonObject { ["sys"] = new JsonObject { ["MethodName"] = "ScanDueWindows", ["UtcNow"] = "2026-11-23T14:00:00.1Z", ["RandGuid"] = Guid.NewGuid().ToString() } },
        };

        var response = await InvokeAsync("ScanDueWindows", payload);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = await _app.Client().GetFromJsonAsync<JsonElement>("/api/health", Ct);
        Assert.Equal(FollowUpApp.Start, health.GetProperty("lastScanAt").GetDateTimeOffset());
    }

    /// <summary>A queue-trigger request as the host sends it: metadata values JSON-encoded a second time.</summary>
    private static JsonObject QueuePayload(JsonNode data, string messageId, int dequeueCount) => new()
    {
        ["Data"] = new JsonObject { [FunctionInvocationApi.QueueTriggerBinding] = data },
        ["Metadata"] = new JsonObject
        {
            ["DequeueCount"] = dequeueCount.ToString(),
            ["ExpirationTime"] = "\"2026-11-30T14:00:00+00:00\"",
            ["Id"] = JsonSerializer.Serialize(messageId),
            ["InsertionTime"] = "\"2026-11-23T14:00:00+00:00\"",
            ["NextVisibleTime"] = "\"2026-11-23T14:10:00+00:00\"",
            ["PopReceipt"] = "\"AgAAAAMAAAAAAAAAAgtnj8x+1QE=\"",
            ["sys"] = new JsonObject { ["MethodName"] = "SendNotification", ["UtcNow"] = "2026-11-23T14:00:00.5Z", ["RandGuid"] = Guid.NewGuid().ToString() },
        },
    };

    private Task<HttpResponseMessage> InvokeAsync(string function, JsonObject payload, FollowUpApp? app = null) =>
        (app ?? _app).Client().PostAsync("/" + function, new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json"), Ct);

    private Task<string> SubmitAsync() => _app.SubmitAsync(new { name = "Dana", email = "dana@example.com" });
}
