using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using FollowUp.Tests.Fixtures;
using FollowUp.Tests.Fixtures.FunctionsHost;

namespace FollowUp.Tests.Hosting;

/// <summary>
/// What every HTTP function shares (staff auth, CORS and preflight, the per-client rate limit, problem
/// details for each refusal, body caps, the pages' security headers) holds the same standalone and in
/// the worker under the Functions host, because it runs inside each function rather than in middleware.
/// </summary>
public sealed class HttpEdgeInBothModesTests(HttpEdgeInBothModesTests.BothModes modes, AzuriteFixture azurite) : IClassFixture<HttpEdgeInBothModesTests.BothModes>
{
    private const string Dana = "local-dev-only-dana-key-0000";
    private const string Sam = "local-dev-only-sam-key-00000";
    private const string Shop = "https://shop.example";

    public static TheoryData<string> Modes => ["standalone", "worker"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Malformed_json_is_400_a_wrong_content_type_415_bad_fields_422_and_too_large_413(string mode)
    {
        var malformed = await modes.SendAsync(mode, "SubmitInquiry", Post("/api/inquiries", "{\"name\":", "application/json", "198.51.100.1"));
        var wrongType = await modes.SendAsync(mode, "SubmitInquiry", Post("/api/inquiries", "name=Lee", "text/plain", "198.51.100.2"));
        var badFields = await modes.SendAsync(mode, "SubmitInquiry", Post("/api/inquiries", """{"name":"","email":"not-an-email"}""", "application/json", "198.51.100.3"));
        var tooLarge = await modes.SendAsync(mode, "SubmitInquiry", Post("/api/inquiries", $$"""{"name":"Lee","email":"lee@example.com","message":"{{new string('x', 20_000)}}"}""", "application/json", "198.51.100.4"));

        await IsProblemAsync(malformed, HttpStatusCode.BadRequest);
        await IsProblemAsync(wrongType, HttpStatusCode.UnsupportedMediaType);
        var fields = await IsProblemAsync(badFields, HttpStatusCode.UnprocessableEntity);
        Assert.True(fields.GetProperty("errors").TryGetProperty("email", out _));
        await IsProblemAsync(tooLarge, HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Staff_functions_need_a_key_before_anything_else_then_answer_403_404_and_409_as_problems(string mode)
    {
        var anonymous = await modes.SendAsync(mode, "StaffListInquiries", new HttpRequestMessage(HttpMethod.Get, "/api/staff/inquiries"));
        var anonymousWithBadBody = await modes.SendAsync(mode, "StaffLogAttempt", Staff(HttpMethod.Post, "/api/staff/inquiries/X/attempts", null, "{not json"));
        var notManager = await modes.SendAsync(mode, "StaffLoad", Staff(HttpMethod.Get, "/api/staff/load", Dana));
        var missing = await modes.SendAsync(mode, "StaffGetInquiry", Staff(HttpMethod.Get, "/api/staff/inquiries/20261123140000-NOPE0000", Dana));
        // An address no other test here uses: a repeat would be joined, and its answer carries a receipt, not the inquiry's id.
        var created = await modes.SendAsync(mode, "SubmitInquiry", Post("/api/inquiries", """{"name":"Lee Park","email":"lee.staff.edge@example.com"}""", "application/json", "198.51.100.10"));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        var claimed = await modes.SendAsync(mode, "StaffClaim", Staff(HttpMethod.Post, $"/api/staff/inquiries/{id}/claim", Dana));
        var second = await modes.SendAsync(mode, "StaffClaim", Staff(HttpMethod.Post, $"/api/staff/inquiries/{id}/claim", Sam));

        await IsProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        await IsProblemAsync(anonymousWithBadBody, HttpStatusCode.Unauthorized);
        await IsProblemAsync(notManager, HttpStatusCode.Forbidden);
        await IsProblemAsync(missing, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        Assert.Contains("Already claimed by Dana", (await IsProblemAsync(second, HttpStatusCode.Conflict)).GetProperty("detail").GetString());
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Browsers_get_cors_preflight_for_allowed_origins_only(string mode)
    {
        var allowed = await modes.SendAsync(mode, "SubmitInquiry", Preflight(Shop));
        var other = await modes.SendAsync(mode, "SubmitInquiry", Preflight("https://evil.example"));
        var post = Post("/api/inquiries", """{"name":"Lee Park","email":"lee@example.com"}""", "application/json", "198.51.100.20");
        post.Headers.Add("Origin", Shop);
        var posted = await modes.SendAsync(mode, "SubmitInquiry", post);

        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal(Shop, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", allowed.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.Equal(HttpStatusCode.NoContent, other.StatusCode);
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        Assert.Equal(Shop, posted.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Each_client_address_as_forwarded_gets_its_own_rate_limit(string mode)
    {
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            last = await modes.SendAsync(mode, "SubmitInquiry", Post("/api/inquiries", $$"""{"name":"Lee {{i}}","email":"lee{{i}}@example.com"}""", "application/json", "203.0.113.7"));
            statuses.Add(last.StatusCode);
        }

        var otherClient = await modes.SendAsync(mode, "SubmitInquiry", Post("/api/inquiries", """{"name":"Ann","email":"ann@example.com"}""", "application/json", "203.0.113.8"));

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], statuses);
        await IsProblemAsync(last!, HttpStatusCode.TooManyRequests);
        Assert.NotNull(last!.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.Accepted, otherClient.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Pages_carry_their_security_headers_and_forged_webhooks_get_403(string mode)
    {
        var page = await modes.SendAsync(mode, "StaffPage", new HttpRequestMessage(HttpMethod.Get, "/api/pages/staff/"));
        var form = await modes.SendAsync(mode, "FormPage", new HttpRequestMessage(HttpMethod.Get, "/api/pages/form/followup-form.js"));
        var forged = new HttpRequestMessage(HttpMethod.Post, "/api/twilio/inbound")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["From"] = "+12125550100", ["Body"] = "STOP" }),
        };
        forged.Headers.Add(TwilioSigning.Header, "bm90IGEgc2lnbmF0dXJl");
        var refused = await modes.SendAsync(mode, "TwilioInbound", forged);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.DoesNotContain("frame-ancestors", form.Headers.GetValues("Content-Security-Policy").Single());
        await IsProblemAsync(refused, HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task The_openapi_document_is_served_as_json_and_describes_the_routes(string mode)
    {
        var response = await modes.SendAsync(mode, "OpenApi", new HttpRequestMessage(HttpMethod.Get, "/api/openapi.json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.StartsWith("3.1", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.True(document.GetProperty("paths").GetProperty("/api/inquiries").TryGetProperty("post", out _));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Storage_that_stays_down_is_503_with_retry_after_and_nothing_kept(string mode)
    {
        await using var tables = new FaultyProxy(azurite.TablePort, seed: 11);
        await using var queues = new FaultyProxy(azurite.QueuePort, seed: 12);
        var response = await PostWhileStorageFailsAsync(mode, tables, queues, () => tables.BusyRate = 1, Ct);

        var problem = await IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Contains("nothing was kept", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Storage_that_hangs_is_503_in_bounded_time(string mode)
    {
        await using var tables = new FaultyProxy(azurite.TablePort, seed: 13);
        await using var queues = new FaultyProxy(azurite.QueuePort, seed: 14);
        // The SDK's own network timeout is 100 s a try; the bound here is 1 s a try, 2 tries. A client that
        // gives up at 30 s would wait for ever on an unbounded call.
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        patience.CancelAfter(TimeSpan.FromSeconds(30));
        var prefix = "hang" + Guid.NewGuid().ToString("N")[..8];
        var response = await PostWhileStorageFailsAsync(mode, tables, queues, () => tables.Hang = true, patience.Token, new()
        {
            ["FollowUp:Storage:RequestTimeout"] = "00:00:01",
            ["FollowUp:Storage:RequestTries"] = "2",
            ["FollowUp:Storage:NamePrefix"] = prefix,
            ["FollowUp:Queues:Notifications"] = prefix + "notifications",
        });

        var problem = await IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Contains("nothing was kept", problem.GetProperty("detail").GetString());
        Assert.Empty(await azurite.StorageFor(prefix).Inquiries.QueryAsync<TableEntity>(InquiryRows.Headers(), cancellationToken: Ct).ToListAsync(Ct));
    }

    /// <summary>Starts the app in <paramref name="mode"/> on storage behind the proxies, breaks storage, and posts a form.</summary>
    private async Task<HttpResponseMessage> PostWhileStorageFailsAsync(
        string mode, FaultyProxy tables, FaultyProxy queues, Action breakStorage, CancellationToken cancellationToken, Dictionary<string, string>? more = null)
    {
        var settings = new Dictionary<string, string> { ["AzureWebJobsStorage"] = FaultyProxy.ConnectionString(tables, queues) };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        var post = Post("/api/inquiries", """{"name":"Lee Park","email":"lee@example.com"}""", "application/json", "198.51.100.30");
        if (mode == "standalone")
        {
            await using var app = new FollowUpApp(azurite, settings.ToDictionary(p => p.Key, p => (string?)p.Value));
            app.Client();
            breakStorage();
            return await app.Client().SendAsync(post, cancellationToken);
        }

        await using var worker = await HostedWorker.StartAsync(azurite, settings.ToDictionary(p => p.Key.Replace(":", "__", StringComparison.Ordinal), p => p.Value), Ct);
        await worker.Host.WaitForApplicationStartedAsync(Ct);
        breakStorage();
        return (await worker.Host.InvokeHttpAsync("SubmitInquiry", worker.Http, post, cancellationToken)).Response;
    }

    private static HttpRequestMessage Post(string path, string body, string contentType, string client)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        request.Headers.Add("Accept", "application/json");
        request.Headers.Add("X-Forwarded-For", client);
        return request;
    }

    private static HttpRequestMessage Staff(HttpMethod method, string path, string? key, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return request;
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/inquiries");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return request;
    }

    private static async Task<JsonElement> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }

    /// <summary>The app standalone and the published worker under the fake host, with the same settings.</summary>
    public sealed class BothModes(AzuriteFixture azurite) : IAsyncLifetime
    {
        private static readonly Dictionary<string, string> Settings = new()
        {
            ["FollowUp:Intake:PermitsPerMinute"] = "3",
            ["FollowUp:Intake:AllowedOrigins:0"] = Shop,
        };

        private FollowUpApp? _standalone;
        private HostedWorker? _worker;

        public async Task<HttpResponseMessage> SendAsync(string mode, string function, HttpRequestMessage request) => mode switch
        {
            "standalone" => await _standalone!.Client().SendAsync(request, Ct),
            _ => (await _worker!.Host.InvokeHttpAsync(function, _worker.Http, request, Ct)).Response,
        };

        public async ValueTask InitializeAsync()
        {
            // Standalone believes X-Forwarded-For only from a proxy it is told of: here, the test client's loopback.
            _standalone = new FollowUpApp(azurite, new Dictionary<string, string?>(Settings.ToDictionary(s => s.Key, s => (string?)s.Value))
            {
                ["FollowUp:Http:TrustedProxies:0"] = "127.0.0.1",
                ["FollowUp:Http:TrustedProxies:1"] = "::1",
            });
            _standalone.Client();
            var environment = Settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
            // The Development demo staff (Dana, and Sam her manager), as the standalone app has them: the
            // published app carries no Development settings, so they are given here.
            environment["FollowUp__Staff__0__Id"] = "dana";
            environment["FollowUp__Staff__0__Name"] = "Dana Reyes";
            environment["FollowUp__Staff__0__Mobile"] = "+12125550101";
            environment["FollowUp__Staff__0__Manager"] = "sam";
            environment["FollowUp__Staff__0__ApiKey"] = Leads.LeadImportTests.DanaKey;
            environment["FollowUp__Staff__1__Id"] = "sam";
            environment["FollowUp__Staff__1__Name"] = "Sam Ortiz";
            environment["FollowUp__Staff__1__Mobile"] = "+12125550102";
            environment["FollowUp__Staff__1__OnDuty"] = "false";
            environment["FollowUp__Staff__1__ApiKey"] = Leads.LeadImportTests.SamKey;
            _worker = await HostedWorker.StartAsync(azurite, environment, CancellationToken.None);
        }

        public async ValueTask DisposeAsync()
        {
            if (_worker is not null)
            {
                await _worker.DisposeAsync();
            }

            if (_standalone is not null)
            {
                await _standalone.DisposeAsync();
            }
        }
    }
}
