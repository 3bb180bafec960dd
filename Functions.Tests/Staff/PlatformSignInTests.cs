using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FollowUp.Tests.Fixtures;

namespace FollowUp.Tests.Staff;

/// <summary>
/// Staff signed in through App Service Authentication: believed only when the platform says it is on,
/// known by provider and object id (never a name or email), and a browser session changes things only
/// from the app's own origin.
/// </summary>
public sealed class PlatformSignInTests(AzuriteFixture azurite)
{
    private const string DanaObjectId = "5b5450db-eb26-4c1a-981c-ba1d25f0483d";
    private const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string?> Settings(bool authEnabled) => new()
    {
        ["FollowUp:Staff:0:SignInId"] = DanaObjectId,
        ["WEBSITE_AUTH_ENABLED"] = authEnabled ? "True" : null,
        ["WEBSITE_HOSTNAME"] = "followup-app.azurewebsites.net",
    };

    [Fact]
    public async Task A_principal_name_header_alone_is_never_a_sign_in()
    {
        await using var hosted = new FollowUpApp(azurite, Settings(authEnabled: true)) { AsUnderFunctionsHost = true };
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/staff/inquiries");
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL-NAME", "dana@brightside.example");

        var response = await hosted.Client().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_signed_principal_is_matched_on_provider_and_object_id()
    {
        await using var hosted = new FollowUpApp(azurite, Settings(authEnabled: true)) { AsUnderFunctionsHost = true };

        var dana = await GetMeAsync(hosted, Principal("aad", DanaObjectId, email: "dana@brightside.example"));
        var sameEmailOtherId = await GetMeAsync(hosted, Principal("aad", Guid.NewGuid().ToString(), email: "dana@brightside.example"));
        var sameIdOtherProvider = await GetMeAsync(hosted, Principal("github", DanaObjectId, email: null));
        var notBase64 = await GetMeAsync(hosted, "{not base64}");

        Assert.Equal(HttpStatusCode.OK, dana.StatusCode);
        Assert.Equal("dana", (await dana.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, sameEmailOtherId.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, sameIdOtherProvider.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, notBase64.StatusCode);
    }

    [Theory]
    [InlineData(false, false)] // App Service Authentication is off: anyone could have written the header
    [InlineData(true, true)] // standalone: no platform in front at all
    public async Task The_principal_is_ignored_unless_the_platform_has_authentication_on(bool authEnabled, bool standalone)
    {
        await using var app = new FollowUpApp(azurite, Settings(authEnabled)) { AsUnderFunctionsHost = !standalone };

        var response = await GetMeAsync(app, Principal("aad", DanaObjectId, email: null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_browser_changes_things_only_from_the_apps_own_origin()
    {
        await using var hosted = new FollowUpApp(azurite, Settings(authEnabled: true)) { AsUnderFunctionsHost = true };
        var id = await hosted.SubmitAsync(new { name = "Pat", email = "pat@example.com" });
        var principal = Principal("aad", DanaObjectId, email: null);

        var noOrigin = await ClaimAsync(hosted, id, principal, origin: null);
        var otherSite = await ClaimAsync(hosted, id, principal, origin: "https://evil.example");
        var lookalike = await ClaimAsync(hosted, id, principal, origin: "https://followup-app.azurewebsites.net.evil.example");
        var ownHost = await ClaimAsync(hosted, id, principal, origin: "https://followup-app.azurewebsites.net");

        Assert.Equal(HttpStatusCode.Forbidden, noOrigin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherSite.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, lookalike.StatusCode);
        Assert.Contains("Origin", (await otherSite.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, ownHost.StatusCode);
    }

    [Fact]
    public async Task A_staff_key_needs_no_origin()
    {
        await using var hosted = new FollowUpApp(azurite, Settings(authEnabled: true)) { AsUnderFunctionsHost = true };
        var id = await hosted.SubmitAsync(new { name = "Pat", email = "pat@example.com" });
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/staff/inquiries/{id}/claim");
        request.Headers.Authorization = new("Bearer", "local-dev-only-dana-key-0000");

        var response = await hosted.Client().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The header App Service writes for a signed-in user.</summary>
    private static string Principal(string provider, string objectId, string? email)
    {
        var claims = new List<object> { new { typ = ObjectIdClaim, val = objectId } };
        if (email is not null)
        {
            claims.Add(new { typ = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", val = email });
            claims.Add(new { typ = "name", val = "Dana Reyes" });
        }

        var json = JsonSerializer.Serialize(new
        {
            auth_typ = provider,
            claims,
            name_typ = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
            role_typ = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
        });
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }

    private static async Task<HttpResponseMessage> GetMeAsync(FollowUpApp app, string principal)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/staff/me");
        request.Headers.TryAddWithoutValidation("X-MS-CLIENT-PRINCIPAL", principal);
        return await app.Client().SendAsync(request, Ct);
    }

    private static async Task<HttpResponseMessage> ClaimAsync(FollowUpApp app, string id, string principal, string? origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/staff/inquiries/{id}/claim");
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL", principal);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await app.Client().SendAsync(request, Ct);
    }
}
