using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FollowUp.Tests.Fixtures;

namespace FollowUp.Tests.Leads;

/// <summary>
/// <c>POST /api/leads/import</c> through real HTTP and multipart parsing, with the Development staff
/// (Dana on duty, Sam her manager, off duty).
/// </summary>
public sealed class LeadImportTests(AzuriteFixture azurite) : IAsyncLifetime
{
    public const string DanaKey = "local-dev-only-dana-key-0000";

    /// <summary>Sam, the Development demo manager: lead lists are for managers.</summary>
    public const string SamKey = "local-dev-only-sam-key-00000";
    private FollowUpApp _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _app = new FollowUpApp(azurite);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task A_list_with_its_own_headers_creates_one_inquiry_per_new_person_and_reports_every_row()
    {
        var csv = """
            Full Name;E-mail;Mobile;Notes;Company;Badge Id
            Ana Lima;ana@example.com;(212) 555-0150;Wants a water heater quote;Lima Bakery;B1
            Bo Chen;not-an-email;;;;B2
            Cy Park;cy@example.com;;;;B3
            Ana L.;ANA@example.com;;Met again at the demo;;B4
            ;;;;;
            Di Ross;;+44 20 7946 0958;;;B5
            """;

        using var report = await ImportAsync(csv, "Home Show 2026");
        var rows = report.RootElement.GetProperty("rows").EnumerateArray().ToList();
        var summary = report.RootElement.GetProperty("summary");

        Assert.Equal(["company", "email", "message", "name", "phone"], report.RootElement.GetProperty("fields").EnumerateArray().Select(f => f.GetString()).Order());
        Assert.Equal(["Badge Id"], report.RootElement.GetProperty("ignored").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal([2, 3, 4, 5, 7], rows.Select(r => r.GetProperty("line").GetInt32()));
        Assert.Equal(["created", "invalid", "created", "duplicate", "created"], rows.Select(r => r.GetProperty("status").GetString()));
        Assert.Contains("email", rows[1].GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal("Same person as line 2.", rows[3].GetProperty("detail").GetString());
        Assert.Equal(5, summary.GetProperty("rows").GetInt32());
        Assert.Equal(3, summary.GetProperty("created").GetInt32());
        Assert.Equal(1, summary.GetProperty("invalid").GetInt32());
        Assert.Equal(1, summary.GetProperty("duplicate").GetInt32());
        Assert.Equal(3, await _app.PartitionCountAsync());

        var ana = await _app.InquiryAsync(rows[0].GetProperty("inquiryId").GetString()!);
        Assert.NotNull(ana);
        Assert.Equal("Home Show 2026", ana.Source);
        Assert.True(ana.Imported);
        Assert.Equal("+12125550150", ana.Phone);
        Assert.Equal("Wants a water heater quote\nCompany: Lima Bakery", ana.Message);
        Assert.Equal("Dana Reyes", ana.OwnerName);
        // Staff see the notes and company where they work the lead.
        using var staffView = new HttpRequestMessage(HttpMethod.Get, $"/api/staff/inquiries/{ana.PartitionKey}");
        staffView.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DanaKey);
        var detail = await (await _app.Client().SendAsync(staffView, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Wants a water heater quote\nCompany: Lima Bakery", detail.GetProperty("message").GetString());

        // Ten business hours from Monday 09:00 in New York (open 08:00-18:00): Tuesday 09:00.
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 14, 0, 0, TimeSpan.Zero), ana.RespondBy);
        Assert.Equal(ana.RespondBy, rows[0].GetProperty("respondBy").GetDateTimeOffset());
        Assert.Equal("Dana Reyes", rows[0].GetProperty("owner").GetString());

        var sent = await _app.Sent.WaitForAsync(ana.PartitionKey);
        Assert.Equal("email", sent[0].Channel);
        Assert.Equal("Great to meet you at Home Show 2026 - Bright Side Plumbing", sent[0].Subject);
        Assert.Contains("Dana from Bright Side Plumbing will be in touch by", sent[0].Text);
    }

    [Fact]
    public async Task Uploading_the_same_file_again_creates_and_sends_nothing_new()
    {
        var csv = "name,email,phone\nAna Lima,ana@example.com,\nBo Chen,,+12125550151\n";
        using var first = await ImportAsync(csv, "Spring Expo");
        var ids = first.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("inquiryId").GetString()!).ToList();
        await _app.Sent.WaitForAsync(ids[0]);

        using var again = await ImportAsync(csv, " spring expo ");

        var rows = again.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.All(rows, r => Assert.Equal("already-imported", r.GetProperty("status").GetString()));
        Assert.Equal(ids, rows.Select(r => r.GetProperty("inquiryId").GetString()!));
        Assert.Equal(0, again.RootElement.GetProperty("summary").GetProperty("created").GetInt32());
        Assert.Equal(2, await _app.PartitionCountAsync());
        await _app.SettledAsync([.. ids]); // nothing left queued that could send a duplicate acknowledgment
        Assert.Single(_app.Sent.For(ids[0]));
        Assert.Empty(_app.Sent.For(ids[1])); // no email, and no SMS consent in the list
    }

    [Fact]
    public async Task A_lead_who_already_has_an_open_inquiry_is_not_duplicated()
    {
        var open = await _app.SubmitAsync(new { name = "Ana Lima", email = "ana@example.com", message = "Leaking pipe" });
        _app.Time.Advance(TimeSpan.FromDays(3)); // well past the form's duplicate window

        using var report = await ImportAsync("first name,last name,email\nAna,Lima,ana@example.com\n", "Home Show 2026");

        var row = report.RootElement.GetProperty("rows")[0];
        Assert.Equal("existing", row.GetProperty("status").GetString());
        Assert.Equal(open, row.GetProperty("inquiryId").GetString());
        Assert.Equal(1, await _app.PartitionCountAsync());
        Assert.Equal(1, (await _app.InquiryAsync(open))!.Submissions);
    }

    [Fact]
    public async Task Line_per_row_responses_stream_a_header_each_row_and_the_totals()
    {
        using var content = Upload("Name\tPhone\tSMS OK\nAna Lima\t2125550150\tyes\n", "Open House");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/leads/import") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SamKey);
        request.Headers.Accept.ParseAdd("application/x-ndjson");

        using var response = await _app.Client().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["header", "row", "summary"], lines.Select(l => l.GetProperty("type").GetString()));
        Assert.Equal("Open House", lines[0].GetProperty("source").GetString());
        Assert.Equal("created", lines[1].GetProperty("status").GetString());
        Assert.Equal(1, lines[2].GetProperty("summary").GetProperty("created").GetInt32());
        var sent = await _app.Sent.WaitForAsync(lines[1].GetProperty("inquiryId").GetString()!);
        Assert.Equal("sms", sent[0].Channel); // the list says Ana agreed to texts
        Assert.StartsWith("Hi Ana, it was great to meet you at Open House!", sent[0].Text);
        Assert.Matches(@"Track or change it: /api/pages/p/[A-Za-z0-9_-]{22} Reply STOP to opt out\.$", sent[0].Text); // the lead's own status link
    }

    [Fact]
    public async Task Lead_lists_are_for_managers_unless_a_setting_lets_all_staff()
    {
        using var asDana = new HttpRequestMessage(HttpMethod.Post, "/api/leads/import") { Content = Upload("name,email\nA,a@example.com\n", "Expo") };
        asDana.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DanaKey);
        var refused = await _app.Client().SendAsync(asDana, Ct);
        await using var open = new FollowUpApp(azurite, new Dictionary<string, string?> { ["FollowUp:Import:AnyStaffMayImport"] = "true" });
        using var asDanaAllowed = new HttpRequestMessage(HttpMethod.Post, "/api/leads/import") { Content = Upload("name,email\nA,a@example.com\n", "Expo") };
        asDanaAllowed.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DanaKey);
        var allowed = await open.Client().SendAsync(asDanaAllowed, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Only managers import lead lists", await refused.Content.ReadAsStringAsync(Ct));
        Assert.Equal(0, await _app.PartitionCountAsync());
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(1, await open.PartitionCountAsync());
    }

    [Fact]
    public async Task Requests_that_cannot_be_imported_get_problem_details_and_store_nothing()
    {
        var client = _app.Client();
        var noKey = await client.PostAsync("/api/leads/import", Upload("name,email\nA,a@example.com\n", "Expo"), Ct);
        var json = await Authorized(new StringContent("{}", Encoding.UTF8, "application/json"));
        var noSource = await Authorized(Upload("name,email\nA,a@example.com\n", ""));
        var noFile = await Authorized(new MultipartFormDataContent { { new StringContent("Expo"), "source" } });
        var noNameColumn = await Authorized(Upload("email,phone\na@example.com,\n", "Expo"));
        var empty = await Authorized(Upload("", "Expo"));
        var tooLarge = await Authorized(Upload("name,email\n" + new string('x', 21 * 1024 * 1024), "Expo"));

        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        await AssertFieldErrorAsync(noSource, "source");
        await AssertFieldErrorAsync(noFile, "file");
        var detail = await AssertFieldErrorAsync(noNameColumn, "file");
        Assert.Contains("No name column", detail);
        Assert.Contains("'email', 'phone'", detail);
        await AssertFieldErrorAsync(empty, "file");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal("application/problem+json", tooLarge.Content.Headers.ContentType!.MediaType);
        Assert.Equal(0, await _app.PartitionCountAsync());
    }

    [Fact]
    public async Task A_small_file_limit_refuses_a_file_just_over_it_and_says_the_limit_in_kilobytes()
    {
        await using var app = new FollowUpApp(azurite, new Dictionary<string, string?> { ["FollowUp:Import:MaxFileBytes"] = "2048" });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/leads/import") { Content = Upload("name,email\n" + string.Concat(Enumerable.Repeat("Ann Lee,ann@example.com\n", 250)), "Expo") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SamKey);

        var response = await app.Client().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("Files up to 2 KB are accepted; split the list.", problem.RootElement.GetProperty("detail").GetString());
        Assert.Equal(0, await app.PartitionCountAsync());
    }

    private static async Task<string> AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var errors = problem.RootElement.GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(p => p.Name));
        return errors.GetProperty(field)[0].GetString()!;
    }

    private async Task<HttpResponseMessage> Authorized(HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/leads/import") { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SamKey);
        return await _app.Client().SendAsync(request, Ct);
    }

    private async Task<JsonDocument> ImportAsync(string csv, string source)
    {
        var response = await Authorized(Upload(csv, source));
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body + string.Join("\n", _app.Logs.GetSnapshot().Where(l => l.Exception is not null).Select(l => l.Exception!.ToString())));
        return JsonDocument.Parse(body);
    }

    internal static MultipartFormDataContent Upload(string csv, string source)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { new StringContent(source), "source" }, { file, "file", "leads.csv" } };
    }
}
