using System.Net.Http.Headers;

namespace FollowUp.Tests.Fixtures;

/// <summary>Requests to the staff API with a staff key, as the staff page and tools send them.</summary>
public static class StaffRequests
{
    public static async Task<HttpResponseMessage> AsStaffAsync(this FollowUpApp app, HttpMethod method, string path, string key, HttpContent? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await app.Client().SendAsync(request, TestContext.Current.CancellationToken);
    }
}
