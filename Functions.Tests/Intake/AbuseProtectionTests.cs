using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FollowUp.Tests.Fixtures;

namespace FollowUp.Tests.Intake;

public sealed class AbuseProtectionTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Too_many_posts_from_one_address_get_429_with_retry_after()
    {
        await using var app = new FollowUpApp(azurite, new Dictionary<string, string?> { ["FollowUp:Intake:PermitsPerMinute"] = "2" });
        var client = app.Client();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var response = await client.PostAsJsonAsync("/api/inquiries", new { name = "Al", email = $"al{i}@example.com" }, Ct);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter!.Delta > TimeSpan.Zero);
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
                Assert.Equal(429, problem.GetProperty("status").GetInt32());
            }
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(2, await app.PartitionCountAsync());
    }

    [Fact]
    public async Task A_forwarded_client_address_from_a_caller_that_is_no_trusted_proxy_is_ignored()
    {
        await using var app = new FollowUpApp(azurite, new Dictionary<string, string?> { ["FollowUp:Intake:PermitsPerMinute"] = "3" });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var post = new HttpRequestMessage(HttpMethod.Post, "/api/inquiries") { Content = JsonContent.Create(new { name = "Al", email = $"al{i}@example.com" }) };
            post.Headers.Add("X-Forwarded-For", $"198.51.100.{i + 1}"); // a new "client" every time
            statuses.Add((await app.Client().SendAsync(post, Ct)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Browser_script_on_an_allowed_origin_may_post()
    {
        await using var app = new FollowUpApp(azurite, new Dictionary<string, string?> { ["FollowUp:Intake:AllowedOrigins:0"] = "https://www.brightside.example" });
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/inquiries");
        preflight.Headers.Add("Origin", "https://www.brightside.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");

        var response = await app.Client().SendAsync(preflight, Ct);

        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal("https://www.brightside.example", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task Browser_script_on_another_origin_gets_no_cors_grant()
    {
        await using var app = new FollowUpApp(azurite, new Dictionary<string, string?> { ["FollowUp:Intake:AllowedOrigins:0"] = "https://www.brightside.example" });
        var post = new HttpRequestMessage(HttpMethod.Post, "/api/inquiries") { Content = JsonContent.Create(new { name = "Al", email = "al@example.com" }) };
        post.Headers.Add("Origin", "https://evil.example");

        var response = await app.Client().SendAsync(post, Ct);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
