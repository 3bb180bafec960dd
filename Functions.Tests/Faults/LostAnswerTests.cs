using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using FollowUp.Tests.Fixtures;

namespace FollowUp.Tests.Faults;

/// <summary>
/// Writes that land while their answer is lost: storage commits, the connection drops before the app
/// hears, the SDK sends the write again and is refused because the row's ETag moved. The app must tell
/// its own lost write from someone else's and neither do the work twice nor report a conflict.
/// </summary>
public sealed class LostAnswerTests(AzuriteFixture azurite)
{
    private const string BenKey = "ben-key-0123456789abcdefghij";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_repeat_submission_whose_answer_is_lost_counts_once()
    {
        await using var tables = new FaultyProxy(azurite.TablePort, seed: 21);
        await using var queues = new FaultyProxy(azurite.QueuePort, seed: 22);
        await using var app = new FollowUpApp(azurite, new Dictionary<string, string?> { ["AzureWebJobsStorage"] = FaultyProxy.ConnectionString(tables, queues) });
        var id = await app.SubmitAsync(new { name = "Lee Park", email = "lee@example.com" });

        tables.DropAnswerOnceTo = "received-again";
        var again = await app.PostJsonAsync("/api/inquiries", new { name = "Lee Park", email = "lee@example.com", message = "Any news?" });

        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(1, tables.Faults);
        Assert.Equal(2, (await app.InquiryAsync(id))!.Submissions);
        Assert.Single(await app.TimelineAsync(id), e => e.Type == "received-again");
    }

    [Fact]
    public async Task A_staff_action_whose_answer_is_lost_answers_as_done_not_conflict()
    {
        await using var tables = new FaultyProxy(azurite.TablePort, seed: 23);
        await using var queues = new FaultyProxy(azurite.QueuePort, seed: 24);
        await using var app = new FollowUpApp(azurite, new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = FaultyProxy.ConnectionString(tables, queues),
            ["FollowUp:Staff:0:Id"] = "ben",
            ["FollowUp:Staff:0:Name"] = "Ben Test",
            ["FollowUp:Staff:0:Mobile"] = "+12125550120",
            ["FollowUp:Staff:0:ApiKey"] = BenKey,
            ["FollowUp:Staff:0:OnDuty"] = "true",
        });
        var id = await app.SubmitAsync(new { name = "Lee Park", email = "lee@example.com" });

        tables.DropAnswerOnceTo = "Closed by Ben Test";
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/staff/inquiries/{id}/close") { Content = JsonContent.Create(new { outcome = "won" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BenKey);
        var closed = await app.Client().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal(1, tables.Faults);
        Assert.Single(await app.TimelineAsync(id), e => e.Type == "closed");
    }
}
