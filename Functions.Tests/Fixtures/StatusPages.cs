using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FollowUp.Tests.Fixtures;

/// <summary>What tests do with prospects' status pages: find the link an acknowledgment carried, post as the page does, read the staff view.</summary>
internal static partial class StatusPages
{
    public const string PublicBaseUrl = "https://followup.example";

    /// <summary>The app with a public base URL, so acknowledgments carry whole links (tests open their paths on the app's own address).</summary>
    public static FollowUpApp App(AzuriteFixture azurite, IDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?> { ["FollowUp:PublicBaseUrl"] = PublicBaseUrl };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new FollowUpApp(azurite, all);
    }

    /// <summary>The status link's path in the inquiry's acknowledgment, once it was sent.</summary>
    public static async Task<string> LinkPathAsync(FollowUpApp app, string inquiryId)
    {
        var ack = (await app.Sent.WaitForAsync(inquiryId)).Single(m => m.Kind == MessageKinds.Acknowledgment);
        var match = Link().Match(ack.Text);
        Assert.True(match.Success, $"No status link in: {ack.Text}");
        return match.Groups[1].Value;
    }

    /// <summary>Ana Lima's inquiry by email, and the path of the status link her acknowledgment carried.</summary>
    public static async Task<(string Id, string Path)> AnaAsync(FollowUpApp app)
    {
        var id = await app.SubmitAsync(new { name = "Ana Lima", email = "ana@example.com" });
        return (id, await LinkPathAsync(app, id));
    }

    /// <summary>Posts an action's form as the page itself does (same origin).</summary>
    public static Task<HttpResponseMessage> PostAsync(FollowUpApp app, string path, IDictionary<string, string>? fields = null, string site = "same-origin")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields ?? new Dictionary<string, string>()) };
        request.Headers.Add("Sec-Fetch-Site", site);
        return app.Client().SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>The inquiry's detail as the staff API shows it (to Sam, the demo manager): <c>inquiry</c>, <c>timeline</c>, <c>attempts</c>.</summary>
    public static async Task<JsonElement> StaffViewAsync(FollowUpApp app, string id)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/staff/inquiries/{id}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "local-dev-only-sam-key-00000");
        var response = await app.Client().SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken));
    }

    [GeneratedRegex(@"https://followup\.example(/api/pages/p/[A-Za-z0-9_-]{22})")]
    private static partial Regex Link();
}
