using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FollowUp.Tests.Fixtures;

namespace FollowUp.Tests.Intake;

public sealed class BadInputTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private FollowUpApp _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _app = new FollowUpApp(azurite);
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    public static TheoryData<string, string, string> InvalidFields => new()
    {
        // field with the error, JSON body, words the error must contain
        { "name", """{"email":"a@example.com"}""", "Required" },
        { "name", """{"name":"   ","email":"a@example.com"}""", "Required" },
        { "name", $$"""{"name":"{{new string('x', 101)}}","email":"a@example.com"}""", "At most 100" },
        { "name", """{"name":"Eve\r\nBcc: all@example.com","email":"a@example.com"}""", "single line" },
        { "name", """{"name":"<script>alert(1)</script>","email":"a@example.com"}""", "< or >" },
        { "message", """{"name":"Al","email":"a@example.com","message":"hi <img src=x onerror=alert(1)>"}""", "HTML tags" },
        { "email", """{"name":"Al"}""", "email address or a phone number" },
        { "phone", """{"name":"Al"}""", "email address or a phone number" },
        { "email", """{"name":"Al","email":"not-an-email"}""", "Not a valid email" },
        { "email", """{"name":"Al","email":"Al <al@example.com>"}""", "Not a valid email" },
        { "email", """{"name":"Al","email":"al@localhost"}""", "Not a valid email" },
        { "phone", """{"name":"Al","phone":"12"}""", "Not a valid phone" },
        { "phone", """{"name":"Al","phone":"call me maybe"}""", "Not a valid phone" },
        { "message", $$"""{"name":"Al","email":"a@example.com","message":"{{new string('m', 2001)}}"}""", "At most 2000" },
        { "message", """{"name":"Al","email":"a@example.com","message":"bell\u0007"}""", "control characters" },
        { "preferredChannel", """{"name":"Al","email":"a@example.com","preferredChannel":"fax"}""", "'sms' or 'email'" },
        { "phone", """{"name":"Al","email":"a@example.com","preferredChannel":"sms","consentToSms":true}""", "needed to reply by SMS" },
        { "consentToSms", """{"name":"Al","phone":"+12125550100","preferredChannel":"sms"}""", "Agree to receive text messages" },
        { "email", """{"name":"Al","phone":"+12125550100","preferredChannel":"email"}""", "needed to reply by email" },
        { "consentToSms", """{"name":"Al","email":"a@example.com","consentToSms":"maybe"}""", "true or false" },
        { "timeZone", """{"name":"Al","email":"a@example.com","timeZone":"Mars/Olympus"}""", "IANA time zone" },
        { "source", $$"""{"name":"Al","email":"a@example.com","source":"{{new string('s', 101)}}"}""", "At most 100" },
        { "name", """{"name":{"first":"Al"},"email":"a@example.com"}""", "single value" },
        { "email", """{"name":"Al","email":["a@example.com"]}""", "single value" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task Invalid_field_gets_422_problem_naming_the_field(string field, string json, string words)
    {
        var response = await _app.Client().PostAsync("/api/inquiries", new StringContent(json, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(422, problem.GetProperty("status").GetInt32());
        var messages = problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(m => m.GetString()!);
        Assert.Contains(messages, m => m.Contains(words, StringComparison.Ordinal));
        Assert.Equal(0, await _app.PartitionCountAsync());
    }

    [Fact]
    public async Task Invalid_form_post_gets_the_same_field_errors_as_json()
    {
        var response = await _app.PostFormAsync("/api/inquiries", new Dictionary<string, string> { ["name"] = "Al", ["email"] = "nope", ["consentToSms"] = "on" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("email", out _));
        Assert.False(problem.GetProperty("errors").TryGetProperty("consentToSms", out _));
    }

    [Theory]
    [InlineData("""{"name":"Al","email":""", "Malformed JSON")]
    [InlineData("""["name","Al"]""", "Malformed JSON")]
    [InlineData("""{"a":{"b":{"c":{"d":{"e":1}}}}}""", "Malformed JSON")]
    public async Task Malformed_json_gets_400_problem(string json, string title)
    {
        var response = await _app.Client().PostAsync("/api/inquiries", new StringContent(json, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(title, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Invalid_utf8_json_gets_400_problem()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("{\"name\":\"A"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\",\"email\":\"a@example.com\"}")];
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/json");

        var response = await _app.Client().PostAsync("/api/inquiries", content, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Unsupported_content_type_gets_415_problem()
    {
        var response = await _app.Client().PostAsync("/api/inquiries", new StringContent("name=Al", Encoding.UTF8, "text/plain"), Ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/x-www-form-urlencoded", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Oversized_body_gets_413_problem_and_stores_nothing()
    {
        var json = JsonSerializer.Serialize(new { name = "Al", email = "a@example.com", message = new string('x', 40_000) });

        var response = await _app.Client().PostAsync("/api/inquiries", new StringContent(json, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("Request body too large", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("title").GetString());
        Assert.Equal(0, await _app.PartitionCountAsync());
    }

    [Fact]
    public async Task Oversized_chunked_body_without_length_gets_413()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("name=" + new string('x', 40_000))));
        content.Headers.ContentType = new("application/x-www-form-urlencoded");

        var response = await _app.Client().PostAsync("/api/inquiries", content, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_route_gets_404_problem()
    {
        var response = await _app.Client().GetAsync("/api/nothing-here", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}
