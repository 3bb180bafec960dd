using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using FollowUp.Tests.Fixtures;

namespace FollowUp.Tests.Staff;

public sealed class OwnerAssignmentTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Acknowledgment_names_the_owner_and_the_promised_time()
    {
        await using var app = new FollowUpApp(azurite); // Development's demo staff: Dana on duty, Sam off duty

        var response = await app.PostJsonAsync("/api/inquiries", new { name = "Lee", email = "lee@example.com" });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = body.GetProperty("id").GetString()!;

        Assert.False(body.TryGetProperty("owner", out _)); // the answer names nobody: see the intake tests on probing
        Assert.Equal("Thanks! Bright Side Plumbing will get back to you by 9:15 AM today.", body.GetProperty("message").GetString());
        Assert.Contains("Dana will get back to you by 9:15 AM today.", Assert.Single(await app.Sent.WaitForAsync(id)).Text);
        Assert.Equal(("dana", "Dana Reyes"), ((await app.InquiryAsync(id))!.OwnerId, (await app.InquiryAsync(id))!.OwnerName));
        Assert.Contains(await app.TimelineAsync(id), e => e.Type == "assigned" && e.Detail == "Assigned to Dana Reyes by rotation.");
    }

    [Fact]
    public async Task Owners_take_turns_among_on_duty_staff()
    {
        await using var app = new FollowUpApp(azurite, Staff(("amy", true, null), ("ben", true, null), ("cal", true, null), ("dee", false, null)));

        var owners = new List<string?>();
        for (var i = 0; i < 6; i++)
        {
            owners.Add((await app.InquiryAsync(await app.SubmitAsync(new { name = "P", email = $"p{i}@example.com" })))!.OwnerId);
        }

        Assert.Equal(["amy", "ben", "cal", "amy", "ben", "cal"], owners);
    }

    [Fact]
    public async Task Staff_who_take_only_some_sources_get_only_those()
    {
        await using var app = new FollowUpApp(azurite, Staff(("amy", true, null), ("ben", true, "referral")));

        var referral = await app.SubmitAsync(new { name = "P", email = "r@example.com", source = "referral" });
        var form = await app.SubmitAsync(new { name = "P", email = "f@example.com", source = "web form" });

        Assert.Equal("ben", (await app.InquiryAsync(referral))!.OwnerId);
        Assert.Equal("amy", (await app.InquiryAsync(form))!.OwnerId);
    }

    [Fact]
    public async Task Inquiries_arriving_together_still_share_turns_evenly()
    {
        await using var app = new FollowUpApp(azurite, Staff(("amy", true, null), ("ben", true, null), ("cal", true, null)));

        var ids = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => app.SubmitAsync(new { name = "P", email = $"c{i}@example.com" })));

        var owners = new List<string?>();
        foreach (var id in ids)
        {
            owners.Add((await app.InquiryAsync(id))!.OwnerId);
        }

        Assert.All(owners.GroupBy(o => o), group => Assert.Equal(2, group.Count()));
    }

    [Fact]
    public async Task With_nobody_on_duty_the_inquiry_is_unassigned_and_the_team_promises()
    {
        await using var app = new FollowUpApp(azurite, Staff(("amy", false, null), ("ben", false, null)));

        var id = await app.SubmitAsync(new { name = "Lee", email = "lee@example.com" });

        Assert.Null((await app.InquiryAsync(id))!.OwnerId);
        Assert.Contains("Our team will get back to you", Assert.Single(await app.Sent.WaitForAsync(id)).Text);
        Assert.Contains(await app.TimelineAsync(id), e => e.Type == "unassigned");
    }

    [Fact]
    public async Task Staff_api_keys_are_stored_only_as_hashes()
    {
        const string key = "k3y-for-tests-0123456789abcdef";
        var settings = Staff(("amy", true, null));
        settings["FollowUp:Staff:0:ApiKey"] = key;
        await using var app = new FollowUpApp(azurite, settings);
        app.Client();

        var row = (await app.Storage.Staff.GetEntityAsync<TableEntity>(StaffEntity.Partition, "amy", cancellationToken: Ct)).Value;

        Assert.Equal(StaffEntity.HashKey(key), row.GetString(nameof(StaffEntity.ApiKeyHash)));
        Assert.DoesNotContain(row, property => property.Value?.ToString()?.Contains(key) == true);
    }

    [Fact]
    public async Task A_key_removed_from_the_settings_stops_working_after_a_restart()
    {
        const string key = "k3y-for-tests-0123456789abcdef";
        var settings = Staff(("amy", true, null));
        settings["FollowUp:Staff:0:ApiKey"] = key;
        string prefix;
        await using (var before = new FollowUpApp(azurite, settings))
        {
            before.Client();
            prefix = before.Prefix;
            Assert.NotNull((await before.Storage.Staff.GetEntityAsync<StaffEntity>(StaffEntity.Partition, "amy", cancellationToken: Ct)).Value.ApiKeyHash);
        }

        settings["FollowUp:Staff:0:ApiKey"] = null;
        await using var after = new FollowUpApp(azurite, settings, prefix);
        after.Client();

        var row = (await after.Storage.Staff.GetEntityAsync<StaffEntity>(StaffEntity.Partition, "amy", cancellationToken: Ct)).Value;
        Assert.Null(row.ApiKeyHash);
    }

    [Fact]
    public async Task A_person_removed_from_the_settings_is_revoked_after_a_restart()
    {
        const string kimKey = "k3y-for-kim-0123456789abcdef00";
        var settings = Staff(("amy", true, null), ("kim", true, null));
        settings["FollowUp:Staff:1:ApiKey"] = kimKey;
        string prefix;
        await using (var before = new FollowUpApp(azurite, settings))
        {
            Assert.Equal(HttpStatusCode.OK, (await MeAsync(before, kimKey)).StatusCode);
            prefix = before.Prefix;
        }

        await using var after = new FollowUpApp(azurite, Staff(("amy", true, null)), prefix);
        var me = await MeAsync(after, kimKey);
        var owners = new List<string?>();
        for (var i = 0; i < 4; i++)
        {
            var id = await after.SubmitAsync(new { name = $"Prospect {i}", email = $"p{i}@example.com" });
            owners.Add((await after.InquiryAsync(id))!.OwnerId);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.False((await after.Storage.Staff.GetEntityIfExistsAsync<StaffEntity>(StaffEntity.Partition, "kim", cancellationToken: Ct)).HasValue);
        Assert.All(owners, owner => Assert.Equal("amy", owner));
    }

    private static Task<HttpResponseMessage> MeAsync(FollowUpApp app, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/staff/me");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return app.Client().SendAsync(request, Ct);
    }

    [Fact]
    public async Task Staff_setting_that_makes_no_sense_fails_startup_naming_it()
    {
        var settings = Staff(("amy", true, null));
        settings["FollowUp:Staff:0:Manager"] = "nobody";
        settings["FollowUp:Staff:0:Mobile"] = "555-0100";

        var error = await StartupFailure.OfAsync(azurite, settings);

        Assert.Contains("FollowUp:Staff:0:Manager 'nobody' is not the id of anyone", error.Message);
        Assert.Contains("FollowUp:Staff:0:Mobile must be a valid number in E.164", error.Message);
    }

    /// <summary>Staff settings that replace the Development demo staff (array elements 0 and 1 are overwritten whole).</summary>
    private static Dictionary<string, string?> Staff(params (string Id, bool OnDuty, string? Source)[] members)
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < Math.Max(members.Length, 2); i++)
        {
            var (id, onDuty, source) = i < members.Length ? members[i] : ($"off{i}", false, null);
            settings[$"FollowUp:Staff:{i}:Id"] = id;
            settings[$"FollowUp:Staff:{i}:Name"] = char.ToUpperInvariant(id[0]) + id[1..] + " Test";
            settings[$"FollowUp:Staff:{i}:Mobile"] = $"+121255501{10 + i}";
            settings[$"FollowUp:Staff:{i}:Email"] = $"{id}@brightside.example";
            settings[$"FollowUp:Staff:{i}:Manager"] = "";
            settings[$"FollowUp:Staff:{i}:OnDuty"] = onDuty.ToString();
            settings[$"FollowUp:Staff:{i}:Sources:0"] = source;
        }

        return settings;
    }
}
