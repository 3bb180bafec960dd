using FollowUp.Tests.Fixtures;

namespace FollowUp.Tests.Staff;

/// <summary>Staff from a CSV file join a running app's directory.</summary>
public sealed class StaffCsvTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"staff-{Guid.NewGuid():N}.csv");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => File.Delete(_path);

    [Fact]
    public async Task Staff_from_a_csv_file_join_the_directory_and_settings_win_for_the_same_id()
    {
        await File.WriteAllTextAsync(_path, """
            Id,Name,Mobile,Email,TimeZone,Manager,ApiKey,OnDuty,Sources
            eve,Eve Stone,+12125550131,eve@brightside.example,America/Chicago,sam,eve-key-0123456789abcdefghij,true,referral|web form
            dana,Dana From The File,,,,,,false,
            """, Ct);
        await using var app = new FollowUpApp(azurite, new Dictionary<string, string?> { ["FollowUp:StaffCsv"] = _path });
        app.Client();

        var eve = (await app.Storage.Staff.GetEntityAsync<StaffEntity>(StaffEntity.Partition, "eve", cancellationToken: Ct)).Value;
        var dana = (await app.Storage.Staff.GetEntityAsync<StaffEntity>(StaffEntity.Partition, "dana", cancellationToken: Ct)).Value;

        Assert.Equal(("Eve Stone", "+12125550131", "America/Chicago", "sam", true, true, false), (eve.Name, eve.Mobile, eve.TimeZone, eve.ManagerId, eve.TakesSource("referral"), eve.TakesSource("web form"), eve.TakesSource("Home Show")));
        Assert.Equal(StaffEntity.HashKey("eve-key-0123456789abcdefghij"), eve.ApiKeyHash);
        Assert.Equal(("Dana Reyes", true), (dana.Name, dana.OnDuty));
    }
}
