using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using FollowUp.Tests.Fixtures;
using FollowUp.Tests.Leads;
using FollowUp.Calls;
using FollowUp.Webhooks;

namespace FollowUp.Tests.Fuzz;

/// <summary>
/// Generated hostile input against every public endpoint, through real HTTP: thousands of malformed,
/// oversized, wrongly encoded and hostile requests, each built to be invalid. Every answer must be a
/// 4xx problem (RFC 9457), never a 5xx; nothing may be stored or sent; forged webhook signatures get
/// 403; and no log line may carry a raw phone number, email address or secret. The generator is
/// seeded (<c>FOLLOWUP_FUZZ_SEED</c> replays a run); a failure names the seed and the cases that broke.
/// </summary>
public sealed class EndpointFuzzTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string PublicBaseUrl = "https://followup.example";
    private const string DanaKey = LeadImportTests.DanaKey;
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("FOLLOWUP_FUZZ_SEED"), out var seed) ? seed : 20261123;

    private readonly ECDsa _sendGridKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly Random _random = new(Seed);
    private readonly List<string> _failures = [];
    private readonly HashSet<string> _personalData = [];
    private FakeTwilio _twilio = null!;
    private FakeSendGrid _sendGrid = null!;
    private FollowUpApp _app = null!;
    private int _cases;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _twilio = await FakeTwilio.StartAsync();
        _sendGrid = await FakeSendGrid.StartAsync();
        var settings = _twilio.Settings(PublicBaseUrl);
        foreach (var (key, value) in _sendGrid.Settings())
        {
            settings[key] = value;
        }

        settings["SendGrid:WebhookPublicKey"] = Convert.ToBase64String(_sendGridKey.ExportSubjectPublicKeyInfo());
        settings["FollowUp:StatusPage:ActionsPerHour"] = "1000"; // the hostile bodies reach the handler, not the per-link cap
        _app = new FollowUpApp(azurite, settings);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _twilio.DisposeAsync();
        await _sendGrid.DisposeAsync();
        _sendGridKey.Dispose();
    }

    [Fact]
    public async Task Intake_json_and_form_posts_that_are_invalid_always_get_a_4xx_problem()
    {
        foreach (var path in new[] { "/api/inquiries", "/api/referrals" })
        {
            var referral = path.EndsWith("referrals", StringComparison.Ordinal);
            for (var i = 0; i < 500; i++)
            {
                var (fields, why) = InvalidFields(referral);
                await ExpectProblemAsync(HttpMethod.Post, path, Json(fields), $"JSON {why}");
                await ExpectProblemAsync(HttpMethod.Post, path, Form(fields), $"form {why}");
            }

            for (var i = 0; i < 150; i++)
            {
                var (content, why) = BrokenBody(ValidFields(referral));
                await ExpectProblemAsync(HttpMethod.Post, path, content, why);
            }
        }

        await AssertCleanAsync(minimumCases: 2_300);
    }

    [Fact]
    public async Task Webhooks_with_forged_signatures_always_get_403_and_change_nothing()
    {
        for (var i = 0; i < 400; i++)
        {
            var path = i % 2 == 0 ? TwilioWebhooksApi.InboundPath : TwilioWebhooksApi.StatusPath + $"?inquiry={Token(12)}&message={Token(12)}";
            var fields = TwilioFields(path.StartsWith(TwilioWebhooksApi.InboundPath, StringComparison.Ordinal));
            var (signature, why) = ForgedTwilioSignature(path, fields);
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
            if (signature is not null)
            {
                request.Headers.TryAddWithoutValidation(TwilioSigning.Header, signature);
            }

            await ExpectProblemAsync(request, $"Twilio {why}", HttpStatusCode.Forbidden);
        }

        for (var i = 0; i < 300; i++)
        {
            var body = SendGridEvents();
            var (timestamp, signature, why) = ForgedSendGridSignature(body);
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/sendgrid/events") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            if (signature is not null)
            {
                request.Headers.TryAddWithoutValidation(SendGridEventsApi.SignatureHeader, signature);
            }

            if (timestamp is not null)
            {
                request.Headers.TryAddWithoutValidation(SendGridEventsApi.TimestampHeader, timestamp);
            }

            await ExpectProblemAsync(request, $"SendGrid {why}", HttpStatusCode.Forbidden);
        }

        await AssertCleanAsync(minimumCases: 700);
    }

    [Fact]
    public async Task Voice_webhooks_forged_or_about_calls_no_inquiry_has_get_a_4xx_problem_and_hostile_callers_get_twiml_storing_nothing()
    {
        for (var i = 0; i < 400; i++)
        {
            var path = VoicePath();
            var fields = VoiceFields();
            var (signature, why) = ForgedTwilioSignature(path, fields);
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
            if (signature is not null)
            {
                request.Headers.TryAddWithoutValidation(TwilioSigning.Header, signature);
            }

            await ExpectProblemAsync(request, $"Twilio Voice {why}", HttpStatusCode.Forbidden);
        }

        for (var i = 0; i < 200; i++)
        {
            // Signed by Twilio, but about a call no inquiry has, or a staff id nobody has.
            var path = Pick(
                $"{VoicePaths.Recorded}?inquiry={Uri.EscapeDataString(HostileId())}",
                $"{VoicePaths.Transcribed}?inquiry={Uri.EscapeDataString(HostileId())}",
                $"{VoicePaths.Answered}?call=CA{Token(32)}&caller=%2B12125550100&staff={Uri.EscapeDataString(Hostile())}",
                $"{VoicePaths.Answered}?call=CA{Token(32)}&caller={Uri.EscapeDataString(Hostile())}&staff=dana");
            var fields = VoiceFields(signed: true);
            var request = SignedVoice(path, fields);
            await ExpectProblemAsync(request, "Twilio Voice callback about an unknown call", HttpStatusCode.NotFound);
        }

        for (var i = 0; i < 100; i++)
        {
            // Signed calls from callers with no number to answer: TwiML, and nothing stored.
            var path = Pick(VoicePaths.Incoming, VoicePaths.Dialed);
            var fields = VoiceFields(signed: true);
            var request = SignedVoice(path, fields);
            _cases++;
            using var response = await _app.Client().SendAsync(request, Ct);
            if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/xml")
            {
                _failures.Add($"POST {path}: a caller '{Describe(fields["From"])}' -> HTTP {(int)response.StatusCode}");
            }
        }

        await AssertCleanAsync(minimumCases: 700);
    }

    [Fact]
    public async Task Staff_and_import_requests_that_are_unauthorized_or_malformed_always_get_a_4xx_problem()
    {
        string[] actions = ["claim", "pass", "attempts", "close", "reopen", "call"];
        for (var i = 0; i < 300; i++)
        {
            var id = HostileId();
            var action = Pick(actions);
            var path = $"/api/staff/inquiries/{Uri.EscapeDataString(id)}/{action}";
            var body = Pick<Func<HttpContent>>(
                () => Json(new Dictionary<string, object?> { ["channel"] = Pick<object?>("fax", "", null, 7, "<b>"), ["outcome"] = Pick<object?>("won", "", null, new[] { "x" }), ["note"] = Hostile() }),
                () => Raw(Encoding.UTF8.GetBytes(Truncated("""{"channel":"phone","outcome":"reached","note":"ok"}""")), "application/json"),
                () => Raw(Encoding.UTF8.GetBytes(Deep(_random.Next(64, 5_000))), "application/json"),
                () => Raw(InvalidUtf8(), "application/json"));

            // Without a key, with a made-up key, and with a real key but a hostile id or body.
            await ExpectProblemAsync(Staff(HttpMethod.Post, path, body(), key: null), $"unsigned {action}", HttpStatusCode.Unauthorized);
            await ExpectProblemAsync(Staff(HttpMethod.Post, path, body(), key: Token(28)), $"wrong key {action}", HttpStatusCode.Unauthorized);
            await ExpectProblemAsync(Staff(HttpMethod.Post, path, body(), DanaKey), $"{action} on '{id}'");
            await ExpectProblemAsync(Staff(HttpMethod.Get, $"/api/staff/inquiries/{Uri.EscapeDataString(id)}", null, DanaKey), $"detail of '{id}'");
            await ExpectProblemAsync(Staff(HttpMethod.Get, $"/api/staff/inquiries/{Uri.EscapeDataString(id)}/calls/{Uri.EscapeDataString(Pick("CA" + Token(32), HostileId()))}/recording", null, DanaKey),
                $"voicemail of '{id}'");
            await ExpectProblemAsync(Staff(HttpMethod.Get, $"/api/staff/inquiries?state={Uri.EscapeDataString(Hostile())}", null, DanaKey), "listing with a hostile state");
        }

        for (var i = 0; i < 150; i++)
        {
            var (content, why) = BrokenImport();
            await ExpectProblemAsync(Staff(HttpMethod.Post, "/api/leads/import", content, LeadImportTests.SamKey), $"import {why}");
            await ExpectProblemAsync(Staff(HttpMethod.Post, "/api/leads/import", BrokenImport().Content, Pick<string?>(null, Token(20))), "import without a valid key", HttpStatusCode.Unauthorized);
        }

        await ExpectProblemAsync(Staff(HttpMethod.Get, "/api/staff/load", null, DanaKey), "load for a non-manager", HttpStatusCode.Forbidden);
        await AssertCleanAsync(minimumCases: 1_800);
    }

    [Fact]
    public async Task Page_and_unknown_paths_never_get_a_5xx()
    {
        for (var i = 0; i < 300; i++)
        {
            var root = Pick("/api/pages/staff/", "/api/pages/form/", "/api/", "/");
            var path = root + Pick(
                "../../../../etc/passwd", "..%2f..%2fappsettings.json", "%2e%2e/%2e%2e/Functions.dll", "x-" + Token(_random.Next(1, 300)),
                "index.html%00.js", "x-" + Uri.EscapeDataString(Hostile()), "....//....//web.config", "x-%ff%fe", new string('a', 2_000));
            await ExpectProblemAsync(HttpMethod.Get, path, null, $"GET {path[..Math.Min(path.Length, 60)]}");
        }

        await AssertCleanAsync(minimumCases: 300);
    }

    [Fact]
    public async Task Status_links_that_are_unknown_or_hostile_always_get_a_4xx_problem()
    {
        string[] actions = ["better-time", "detail", "sorted"];
        for (var i = 0; i < 300; i++)
        {
            var token = Pick(
                Base64Url(16), Base64Url(_random.Next(1, 40)), Uri.EscapeDataString(Hostile()), "..%2f..%2fappsettings.json", new string('A', 2_000), "%ff%fe" + Base64Url(10));
            var path = $"/api/pages/p/{token}";
            await ExpectProblemAsync(HttpMethod.Get, path, null, $"status page of '{token[..Math.Min(token.Length, 40)]}'", HttpStatusCode.NotFound);

            var action = Pick([.. actions, Uri.EscapeDataString(Hostile()), "x-" + Token(8)]);
            var post = new HttpRequestMessage(HttpMethod.Post, $"{path}/{action}") { Content = StatusForm() };
            var site = Pick<string?>("same-origin", "cross-site", "same-site", "none", null, AsciiGarbage());
            if (site is not null)
            {
                post.Headers.TryAddWithoutValidation("Sec-Fetch-Site", site);
            }

            await ExpectProblemAsync(post, $"{action} by {site ?? "no Sec-Fetch-Site"} on an unknown link", HttpStatusCode.NotFound, HttpStatusCode.Forbidden);
        }

        await AssertCleanAsync(minimumCases: 600);
    }

    [Fact]
    public async Task A_live_status_links_actions_with_hostile_bodies_get_a_4xx_problem_and_change_nothing()
    {
        var id = await _app.SubmitAsync(new { name = "Fuzz Person", email = "fuzz.live@example.com" });
        var ack = (await Eventually.GetAsync(() => Task.FromResult(_sendGrid.Emails.ToList()), sent => sent.Count == 1, "the acknowledgment"))[0];
        var path = System.Text.RegularExpressions.Regex.Match(ack.Content["text/plain"], "/api/pages/p/[A-Za-z0-9_-]{22}").Value;
        for (var i = 0; i < 300; i++)
        {
            var action = Pick("better-time", "detail");
            var (content, why) = HostileStatusForm(action);
            var post = new HttpRequestMessage(HttpMethod.Post, $"{path}/{action}") { Content = content };
            post.Headers.Add("Sec-Fetch-Site", "same-origin");
            await ExpectProblemAsync(post, $"{action} {why}");
        }

        Assert.True(_failures.Count == 0, $"Seed {Seed}: {_failures.Count} of {_cases} cases failed:\n" + string.Join("\n", _failures.Take(15)));
        var inquiry = (await _app.InquiryAsync(id))!;
        Assert.Equal((InquiryStatus.Open, 0, null), (inquiry.Status, inquiry.DetailsAdded, inquiry.CallbackAt));
        Assert.Single(_sendGrid.Emails);
        Assert.Empty(_twilio.Messages);
    }

    [Fact]
    public async Task Ten_megabyte_bodies_get_413_problems_on_every_endpoint()
    {
        var big = new byte[10 * 1024 * 1024];
        _random.NextBytes(big);
        var bigJson = Encoding.UTF8.GetBytes("{\"name\":\"" + new string('x', 10 * 1024 * 1024) + "\"}");
        await ExpectProblemAsync(HttpMethod.Post, "/api/inquiries", Raw(bigJson, "application/json"), "10 MB JSON", HttpStatusCode.RequestEntityTooLarge);
        await ExpectProblemAsync(HttpMethod.Post, "/api/referrals", Raw(big, "application/x-www-form-urlencoded"), "10 MB form", HttpStatusCode.RequestEntityTooLarge);
        await ExpectProblemAsync(HttpMethod.Post, "/api/sendgrid/events", Raw(bigJson, "application/json"), "10 MB SendGrid body", HttpStatusCode.RequestEntityTooLarge);
        var twilio = new HttpRequestMessage(HttpMethod.Post, TwilioWebhooksApi.InboundPath) { Content = Raw(big, "application/x-www-form-urlencoded") };
        twilio.Headers.Add(TwilioSigning.Header, Convert.ToBase64String(RandomNumberGenerator.GetBytes(20)));
        await ExpectProblemAsync(twilio, "10 MB Twilio body", HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.Forbidden);
        var file = new ByteArrayContent(new byte[25 * 1024 * 1024]);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        var import = new MultipartFormDataContent { { new StringContent("Home Show"), "source" }, { file, "file", "leads.csv" } };
        await ExpectProblemAsync(Staff(HttpMethod.Post, "/api/leads/import", import, LeadImportTests.SamKey), "25 MB lead list", HttpStatusCode.RequestEntityTooLarge);

        await AssertCleanAsync(minimumCases: 5);
    }

    // ---- generators -------------------------------------------------------------------------------

    private string Base64Url(int bytes) => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>Any body at all, as an action on an unknown link may carry.</summary>
    private HttpContent StatusForm() => Pick<Func<HttpContent>>(
        () => Raw(Encoding.UTF8.GetBytes("slot=2026-11-24T15:00Z"), "application/x-www-form-urlencoded"),
        () => Raw(Encoding.UTF8.GetBytes("detail=" + Uri.EscapeDataString(Hostile())), "application/x-www-form-urlencoded"),
        () => Raw(RandomBytes(), Pick<string?>("application/json", "text/plain", null)),
        () => Raw([], "application/x-www-form-urlencoded"))();

    /// <summary>A better-time or detail form that the contract refuses: bad slots, empty or long details, broken bodies.</summary>
    private (HttpContent Content, string Why) HostileStatusForm(string action)
    {
        var field = action == "detail"
            ? "detail=" + Pick("", "%20%20", new string('x', 1_001), "%00", "%1b%07")
            : "slot=" + Uri.EscapeDataString(Pick("tomorrow", "", "2026-11-24T15:00", "2026-13-40T99:99Z", Hostile(), "2026-11-24T15:00Z' or 1=1"));
        return _random.Next(6) switch
        {
            0 => (Raw(Encoding.UTF8.GetBytes(field), "application/x-www-form-urlencoded"), $"refused value {field[..Math.Min(field.Length, 40)]}"),
            1 => (Raw(Encoding.UTF8.GetBytes(new string('d', 20_000)), "application/x-www-form-urlencoded"), "20 KB form"),
            2 => (Raw(Encoding.UTF8.GetBytes(action == "detail" ? "detail=hi" : "slot=2026-11-24T15:00Z"), Pick<string?>("application/json", "text/plain", "multipart/form-data", null)), "not a form"),
            3 => (Raw(Splice(Encoding.ASCII.GetBytes(action + "="), InvalidUtf8()), "application/x-www-form-urlencoded"), "invalid UTF-8"),
            4 => (Raw(Encoding.ASCII.GetBytes(string.Join("&", Enumerable.Range(0, 2_000).Select(n => $"f{n}=x"))), "application/x-www-form-urlencoded"), "2,000 fields"),
            _ => (Raw(Encoding.ASCII.GetBytes("slot=%zz&detail=%C3%28"), "application/x-www-form-urlencoded"), "bad percent-encoding"),
        };
    }

    private Dictionary<string, object?> ValidFields(bool referral)
    {
        var email = $"fuzz.{Token(6).ToLowerInvariant()}@example.com";
        var phone = $"+1212555{_random.Next(0, 10_000):D4}";
        _personalData.Add(email);
        _personalData.Add(phone);
        var prospect = new Dictionary<string, object?> { ["name"] = "Fuzz Person", ["email"] = email };
        if (_random.Next(2) == 0)
        {
            prospect["phone"] = phone;
            prospect["consentToSms"] = true;
        }

        if (_random.Next(2) == 0)
        {
            prospect["message"] = "Please call about a leaking tap.";
        }

        if (!referral)
        {
            return prospect;
        }

        var referrerEmail = $"ref.{Token(6).ToLowerInvariant()}@example.com";
        _personalData.Add(referrerEmail);
        return new Dictionary<string, object?>
        {
            ["referrer"] = new Dictionary<string, object?> { ["name"] = "Ann Referrer", ["email"] = referrerEmail },
            ["prospect"] = prospect,
        };
    }

    /// <summary>A submission with one to three fields made invalid, each in a way the contract forbids.</summary>
    private (Dictionary<string, object?> Fields, string Why) InvalidFields(bool referral)
    {
        var fields = ValidFields(referral);
        var toReferrer = referral && _random.Next(3) == 0;
        var target = toReferrer ? (Dictionary<string, object?>)fields["referrer"]! : referral ? (Dictionary<string, object?>)fields["prospect"]! : fields;
        var why = new List<string>(toReferrer ? ["referrer"] : []);
        for (var n = _random.Next(1, 4); n > 0 || why.Count == (toReferrer ? 1 : 0); n--)
        {
            var (field, value) = Pick<Func<(string, object?)>>(
                () => ("name", Pick<object?>(null, "", "   ", new string('x', _random.Next(101, 5_000)), "Eve\r\nBcc: all@example.com", "<script>alert(1)</script>",
                    "Al\u0000", "x\u001b[31m", "<img src=x onerror=alert(1)>", 42, new[] { "Al" }, new Dictionary<string, object?> { ["first"] = "Al" }, true)),
                () => ("email", Pick<object?>("not-an-email", "a@b", "Al <al@example.com>", "al@example.com\r\nBcc: b@example.com", new string('e', 300) + "@example.com",
                    "<script>@example.com", "al@localhost", 7, new[] { "a@example.com" }, "al@@example.com", "al@example..com")),
                () => ("phone", Pick<object?>("12", "call me maybe", "+1" + new string('9', 40), "'; DROP TABLE Inquiries; --", "+1212555\r\n0100", 12, "<b>555</b>")),
                () => ("message", Pick<object?>(new string('m', _random.Next(2_001, 20_000)), "bell\u0007", "hi <script>alert(document.cookie)</script>", "<!-- x -->", "<iframe src=//evil>")),
                () => ("preferredChannel", Pick<object?>("fax", "SMS; DROP", "carrier pigeon", 1, "<sms>")),
                () => ("timeZone", Pick<object?>("Mars/Olympus", "../../etc/passwd", "UTC+25", new string('z', 500), "<tz>")),
                () => ("consentToSms", Pick<object?>("maybe", 2, new[] { true }, "yes please")),
                () => ("source", Pick<object?>(new string('s', _random.Next(101, 3_000)), "web\r\nform", "<a href=x>", "\u0000")))();
            if (toReferrer && field is not ("name" or "email" or "phone" or "consentToSms"))
            {
                continue; // a referrer has no such field; it would be ignored, not refused
            }

            if (field is "email" or "phone" && _random.Next(2) == 0)
            {
                target.Remove(field == "email" ? "phone" : "email"); // the bad one is the only contact
            }

            target[field] = value;
            why.Add($"{field}={Describe(value)}");
        }

        if (target.GetValueOrDefault("email") is null && target.GetValueOrDefault("phone") is null)
        {
            why.Add("no contact");
        }

        return (fields, string.Join(", ", why));
    }

    /// <summary>A body broken below the field level: bad JSON, bad encoding, bad media type.</summary>
    private (HttpContent Content, string Why) BrokenBody(Dictionary<string, object?> valid)
    {
        var json = JsonSerializer.Serialize(valid);
        return _random.Next(12) switch
        {
            0 => (Raw(Encoding.UTF8.GetBytes(Truncated(json)), "application/json"), "truncated JSON"),
            1 => (Raw(Encoding.UTF8.GetBytes(Deep(_random.Next(64, 20_000))), "application/json"), "deep JSON"),
            2 => (Raw(Splice(Encoding.UTF8.GetBytes(json), InvalidUtf8()), "application/json"), "invalid UTF-8 in JSON"),
            3 => (Raw(RandomBytes(), "application/json"), "random bytes as JSON"),
            4 => (Raw(Encoding.UTF8.GetBytes(Pick("[]", "null", "42", "\"name\"", "", "{}", "{\"name\":NaN}", json + "garbage", "{'name':'Al'}")), "application/json"), "not an object"),
            5 => (Raw(Encoding.UTF8.GetBytes(json), Pick("text/plain", "application/xml", "multipart/form-data", "image/png", "application/jsonp")), "wrong media type"),
            6 => (Raw(Encoding.UTF8.GetBytes(json), null), "no media type"),
            7 => (Raw(Encoding.ASCII.GetBytes("name=%zz&email=%C3%28%40example.com"), "application/x-www-form-urlencoded"), "bad percent-encoding"),
            8 => (Raw(Splice(Encoding.ASCII.GetBytes("name=Al&email=a%40example.com&message="), InvalidUtf8()), "application/x-www-form-urlencoded"), "invalid UTF-8 in a form"),
            9 => (Raw(Encoding.ASCII.GetBytes(string.Join("&", Enumerable.Range(0, 5_000).Select(n => $"f{n}=x"))), "application/x-www-form-urlencoded"), "5,000 form fields"),
            10 => (Raw(Encoding.ASCII.GetBytes("name=Al&name=Bo&email=a%40example.com"), "application/x-www-form-urlencoded"), "repeated form field"),
            _ => (Raw(Encoding.UTF8.GetBytes(new string(' ', 17_000)), "application/json"), "whitespace over the limit"),
        };
    }

    private Dictionary<string, string> TwilioFields(bool inbound)
    {
        var from = $"+1646555{_random.Next(0, 10_000):D4}";
        _personalData.Add(from);
        return inbound
            ? new() { ["MessageSid"] = "SM" + Token(32), ["AccountSid"] = FakeTwilio.AccountSid, ["From"] = from, ["To"] = FakeTwilio.FromNumber, ["Body"] = Pick("STOP", "START", "CLAIM 7K2Q", "DONE", Hostile()) }
            : new() { ["MessageSid"] = "SM" + Token(32), ["AccountSid"] = FakeTwilio.AccountSid, ["MessageStatus"] = Pick("delivered", "failed", "undelivered", Hostile()), ["To"] = from };
    }

    /// <summary>Signed by Twilio for the URL as it goes on the wire (the client escapes what the path leaves unescaped).</summary>
    private HttpRequestMessage SignedVoice(string path, Dictionary<string, string> fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        var sent = new Uri(_app.Client().BaseAddress!, path).PathAndQuery;
        request.Headers.Add(TwilioSigning.Header, TwilioSigning.Sign(FakeTwilio.AuthToken, PublicBaseUrl + sent, fields));
        return request;
    }

    private string VoicePath() => Pick(
        VoicePaths.Incoming, VoicePaths.Dialed, $"{VoicePaths.Answered}?call=CA{Token(32)}&caller=%2B12125550100&staff=dana",
        $"{VoicePaths.Recorded}?inquiry={Token(12)}", $"{VoicePaths.Transcribed}?inquiry={Token(12)}");

    /// <summary>
    /// Twilio Voice's fields with a caller that has no number to answer and hostile callback values; when <paramref name="signed"/>,
    /// values Twilio itself could send (its own signature covers them), else garbage too.
    /// </summary>
    private Dictionary<string, string> VoiceFields(bool signed = false) => signed ? new()
    {
        ["CallSid"] = "CA" + Token(32), ["AccountSid"] = FakeTwilio.AccountSid, ["From"] = Pick("anonymous", "client:bob", "sip:x@evil.example", "+0123", "266696687", ""),
        ["To"] = FakeTwilio.FromNumber, ["CallStatus"] = "in-progress", ["DialCallStatus"] = Pick("no-answer", "busy", "completed", "failed"),
        ["DialCallDuration"] = Pick("12", "0", "99999999999999"), ["RecordingSid"] = "RE" + Token(32), ["RecordingDuration"] = Pick("5", "-1"),
        ["TranscriptionText"] = Pick("call me back", "", "<Say>hi</Say>"), ["TranscriptionStatus"] = Pick("completed", "failed"),
    }
    : new()
    {
        ["CallSid"] = "CA" + Token(32), ["AccountSid"] = FakeTwilio.AccountSid, ["From"] = Pick("anonymous", "client:bob", "sip:x@evil.example", "+0123", "", Hostile()),
        ["To"] = FakeTwilio.FromNumber, ["CallStatus"] = Pick("ringing", "in-progress", Hostile()), ["Direction"] = "inbound",
        ["DialCallStatus"] = Pick("no-answer", "busy", "completed", Hostile()), ["DialCallDuration"] = Pick("12", "-1", "99999999999999", Hostile()),
        ["RecordingSid"] = "RE" + Token(32), ["RecordingUrl"] = Pick("https://api.twilio.com/x", Hostile()), ["RecordingDuration"] = Pick("5", Hostile()),
        ["TranscriptionText"] = Hostile(), ["TranscriptionStatus"] = Pick("completed", "failed", Hostile()),
    };

    private (string? Signature, string Why) ForgedTwilioSignature(string path, Dictionary<string, string> fields) => _random.Next(6) switch
    {
        0 => (null, "unsigned"),
        1 => (Convert.ToBase64String(RandomNumberGenerator.GetBytes(20)), "random signature"),
        2 => (TwilioSigning.Sign("not-the-auth-token", PublicBaseUrl + path, fields), "signed with another token"),
        3 => (TwilioSigning.Sign(FakeTwilio.AuthToken, "https://evil.example" + path, fields), "signed for another URL"),
        4 => (TwilioSigning.Sign(FakeTwilio.AuthToken, PublicBaseUrl + path, new Dictionary<string, string>(fields) { ["Body"] = "tampered" }), "signed other fields"),
        _ => (AsciiGarbage(), "garbage header"),
    };

    private byte[] SendGridEvents()
    {
        var email = $"fuzz.{Token(6).ToLowerInvariant()}@example.com";
        _personalData.Add(email);
        return Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new[]
        {
            new Dictionary<string, object?> { ["email"] = email, ["event"] = Pick("bounce", "dropped", "spamreport", "unsubscribe", Hostile()), ["sg_event_id"] = Token(22), ["timestamp"] = 1_795_000_000 },
        }));
    }

    private (string? Timestamp, string? Signature, string Why) ForgedSendGridSignature(byte[] body)
    {
        var now = _app.Time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        byte[] Payload(string timestamp) => [.. Encoding.UTF8.GetBytes(timestamp), .. body];
        return _random.Next(6) switch
        {
            0 => (null, null, "unsigned"),
            1 => (now, Convert.ToBase64String(other.SignData(Payload(now), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)), "signed with another key"),
            2 => (now, Convert.ToBase64String(_sendGridKey.SignData(Payload(now), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence).Reverse().ToArray()), "mangled signature"),
            3 => (now, Convert.ToBase64String(_sendGridKey.SignData(Payload(now + "1"), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)), "signed another timestamp"),
            4 => (now, Convert.ToBase64String(_sendGridKey.SignData([.. Payload(now), (byte)' '], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)), "signed another body"),
            _ => (AsciiGarbage(), AsciiGarbage(), "garbage headers"),
        };
    }

    private (HttpContent Content, string Why) BrokenImport()
    {
        MultipartFormDataContent Upload(string? source, byte[]? csv, string fileField = "file")
        {
            var content = new MultipartFormDataContent();
            if (source is not null)
            {
                content.Add(new StringContent(source), "source");
            }

            if (csv is not null)
            {
                var file = new ByteArrayContent(csv);
                file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
                content.Add(file, fileField, "leads.csv");
            }

            return content;
        }

        var noContactColumns = Encoding.UTF8.GetBytes("Badge,Company,Notes\nB1,Acme,<script>x</script>\n");
        return _random.Next(8) switch
        {
            0 => (Upload(null, Encoding.UTF8.GetBytes("Name,Email\nAl,al@example.com\n")), "no source"),
            1 => (Upload("Home Show", null), "no file"),
            2 => (Upload("Home Show", noContactColumns), "no name or contact column"),
            3 => (Upload(Pick("", "   ", new string('s', 500), "Show\r\nX-Injected: 1"), Encoding.UTF8.GetBytes("Name,Email\n")), "hostile source"),
            4 => (Upload("Home Show", RandomBytes()), "random bytes as the file"),
            5 => (Raw(Encoding.UTF8.GetBytes("Name,Email\nAl,al@example.com\n"), Pick("text/csv", "application/json", "application/x-www-form-urlencoded")), "not multipart"),
            6 => (Raw(Encoding.UTF8.GetBytes("--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nName\r\n"), "multipart/form-data; boundary=x"), "unterminated multipart"),
            _ => (Upload("Home Show", Encoding.UTF8.GetBytes("Name,Email\nAl,al@example.com\n"), fileField: "upload"), "file under another field"),
        };
    }

    private string HostileId() => Pick(
        "../../etc/passwd", "20261123140000-" + Token(8), "' or 1 eq 1", "<script>", new string('9', 1_000), "%00", "inquiry|x", "x" + Hostile(), "∞", "PartitionKey eq 'x'");

    private string Hostile() => Pick(
        "<script>alert(1)</script>", "\r\nSet-Cookie: x=1", "' or ''='", "${jndi:ldap://x}", "{{7*7}}", "\u202eevil", "%00", "\ud83d\ude00\ud83d\ude00", new string('A', _random.Next(1, 3_000)),
        "null", "../..", "\u0000\u0001\u0002");

    /// <summary>Header values must be ASCII to be sent at all.</summary>
    private string AsciiGarbage() => Pick("<script>alert(1)</script>", "' or ''='", "${jndi:ldap://x}", "-1", "99999999999999999999", new string('A', _random.Next(1, 3_000)), "==");

    private static string Deep(int depth) => depth % 2 == 0
        ? new string('[', depth) + new string(']', depth)
        : "{\"name\":" + string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth + 1);

    private string Truncated(string json) => json[..Math.Max(1, _random.Next(1, json.Length - 1))];

    private byte[] InvalidUtf8() => Pick<byte[]>([0xC3, 0x28], [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82]);

    private byte[] Splice(byte[] bytes, byte[] insert)
    {
        var at = _random.Next(1, bytes.Length - 1);
        return [.. bytes[..at], .. insert, .. bytes[at..]];
    }

    private byte[] RandomBytes()
    {
        var bytes = new byte[_random.Next(1, 4_000)];
        _random.NextBytes(bytes);
        return bytes;
    }

    private string Token(int length) => RandomNumberGenerator.GetString("ABCDEFGHJKMNPQRSTVWXYZ0123456789", length);

    private T Pick<T>(params T[] choices) => choices[_random.Next(choices.Length)];

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string s => JsonSerializer.Serialize(s.Length > 40 ? s[..40] + $"…({s.Length})" : s),
        _ => JsonSerializer.Serialize(value),
    };

    private static HttpContent Json(Dictionary<string, object?> fields) => JsonContent(JsonSerializer.SerializeToUtf8Bytes(fields));

    private static ByteArrayContent JsonContent(byte[] bytes) => Raw(bytes, "application/json");

    /// <summary>The same fields as a form post; nested objects become <c>referrer.name</c> style keys, arrays repeat the key.</summary>
    private static HttpContent Form(Dictionary<string, object?> fields)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        void Add(string prefix, Dictionary<string, object?> values)
        {
            foreach (var (key, value) in values)
            {
                var name = prefix.Length == 0 ? key : prefix + "." + key;
                switch (value)
                {
                    case null:
                        break;
                    case Dictionary<string, object?> nested:
                        Add(name, nested);
                        break;
                    case Array items:
                        pairs.AddRange(items.Cast<object>().Concat(["second"]).Select(item => new KeyValuePair<string, string>(name, Convert.ToString(item, System.Globalization.CultureInfo.InvariantCulture)!)));
                        break;
                    case bool flag:
                        pairs.Add(new(name, flag ? "true" : "false"));
                        break;
                    default:
                        pairs.Add(new(name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!));
                        break;
                }
            }
        }

        Add("", fields);
        return new FormUrlEncodedContent(pairs);
    }

    private static ByteArrayContent Raw(byte[] bytes, string? mediaType)
    {
        var content = new ByteArrayContent(bytes);
        if (mediaType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
        }

        return content;
    }

    private static HttpRequestMessage Staff(HttpMethod method, string path, HttpContent? content, string? key)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return request;
    }

    // ---- checks -----------------------------------------------------------------------------------

    private Task ExpectProblemAsync(HttpMethod method, string path, HttpContent? content, string what, params HttpStatusCode[] expected) =>
        ExpectProblemAsync(new HttpRequestMessage(method, path) { Content = content }, what, expected);

    /// <summary>Sends one case and records it as a failure unless it got a 4xx problem (of one of <paramref name="expected"/>, when given).</summary>
    private async Task ExpectProblemAsync(HttpRequestMessage request, string what, params HttpStatusCode[] expected)
    {
        _cases++;
        using (request)
        using (var response = await _app.Client().SendAsync(request, Ct))
        {
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(Ct);
            string? problem = null;
            if (status == 400 && body.Length == 0 && request.RequestUri!.OriginalString.Contains("%00", StringComparison.Ordinal))
            {
                // Kestrel refuses a NUL in the path before the app sees the request; there is nothing to answer with.
            }
            else if (status is < 400 or > 499 || (expected.Length > 0 && !expected.Contains(response.StatusCode)))
            {
                problem = $"HTTP {status}";
            }
            else if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                problem = $"HTTP {status} as {response.Content.Headers.ContentType?.MediaType ?? "no media type"}, not a problem";
            }
            else
            {
                using var document = JsonDocument.Parse(body);
                if (!document.RootElement.TryGetProperty("status", out var s) || s.GetInt32() != status || !document.RootElement.TryGetProperty("title", out _))
                {
                    problem = $"HTTP {status} problem without a matching status and a title";
                }
            }

            if (status >= 500)
            {
                problem += " " + _app.Logs.GetSnapshot().LastOrDefault(r => r.Exception is not null)?.Exception?.GetType().Name + ": "
                    + _app.Logs.GetSnapshot().LastOrDefault(r => r.Exception is not null)?.Exception?.Message;
            }

            if (problem is not null)
            {
                _failures.Add($"{request.Method} {request.RequestUri}: {what} -> {problem}: {body[..Math.Min(body.Length, 200)]}");
            }
        }
    }

    /// <summary>Every case answered well, nothing was stored or sent, and no log line carries personal data or a secret.</summary>
    private async Task AssertCleanAsync(int minimumCases)
    {
        Assert.True(_failures.Count == 0, $"Seed {Seed}: {_failures.Count} of {_cases} cases failed:\n" + string.Join("\n", _failures.Take(15)));
        Assert.True(_cases >= minimumCases, $"Only {_cases} cases ran.");
        Assert.Equal(0, await _app.PartitionCountAsync());
        Assert.Equal(0, await CountAsync(_app.Storage.Contacts));
        Assert.Empty(_app.Sent.All());
        Assert.Empty(_twilio.Messages);
        Assert.Empty(_sendGrid.Emails);

        string[] secrets = [FakeTwilio.AuthToken, FakeSendGrid.ApiKey, DanaKey, .. _personalData];
        var leaks = _app.Logs.GetSnapshot()
            .Select(r => r.Message + " " + string.Join(" ", r.StructuredState?.Select(kv => kv.Value) ?? []) + " " + r.Exception)
            .Where(line => secrets.Any(line.Contains))
            .ToList();
        Assert.True(leaks.Count == 0, "Log lines carry personal data or a secret:\n" + string.Join("\n", leaks.Take(5)));
        TestContext.Current.SendDiagnosticMessage($"Fuzz seed {Seed}: {_cases} cases, all 4xx problems; {_app.Logs.GetSnapshot().Count} log lines checked.");
    }

    private static async Task<int> CountAsync(TableClient table)
    {
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(select: ["PartitionKey"], cancellationToken: Ct))
        {
            count++;
        }

        return count;
    }
}
