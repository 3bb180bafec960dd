using System.Text;

namespace FollowUp.Tests.Core.Staff;

/// <summary>Staff read from a CSV file: columns in any order and case, problems named by file and line.</summary>
[Trait("Category", "Unit")]
public sealed class StaffCsvReadTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"staff-{Guid.NewGuid():N}.csv");

    public void Dispose() => File.Delete(_path);

    private List<StaffMemberOptions> Read(string text, params string[] otherIds)
    {
        File.WriteAllText(_path, text);
        return StaffCsv.Read(_path, otherIds);
    }

    [Fact]
    public void Every_column_is_read_whatever_its_order_and_case()
    {
        var eve = Assert.Single(Read("""
            Sources, NAME ,id,Mobile,email,TimeZone,manager,ApiKey,SignInId,SignInProvider,OnDuty,BookingUrl
            referral | web form ,Eve Stone,eve,+12125550131,eve@example.com,America/Chicago,sam,eve-key-0123456789abcdefghij,0f1e2d,github,false,https://cal.com/eve
            """, "sam"));

        Assert.Equal(("eve", "Eve Stone", "+12125550131", "eve@example.com", "America/Chicago", "sam"), (eve.Id, eve.Name, eve.Mobile, eve.Email, eve.TimeZone, eve.Manager));
        Assert.Equal(("eve-key-0123456789abcdefghij", "0f1e2d", "github", false), (eve.ApiKey, eve.SignInId, eve.SignInProvider, eve.OnDuty));
        Assert.Equal(["referral", "web form"], eve.Sources);
        Assert.Equal("https://cal.com/eve", eve.BookingUrl);
    }

    [Fact]
    public void Only_id_and_name_are_needed_and_the_rest_take_their_defaults()
    {
        var dana = Assert.Single(Read("id,name\ndana,\"Reyes, Dana\"\n"));

        Assert.Equal(("dana", "Reyes, Dana", (string?)null, (string?)null, "aad", true), (dana.Id, dana.Name, dana.Mobile, dana.Email, dana.SignInProvider, dana.OnDuty));
        Assert.Empty(dana.Sources);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("False", false)]
    [InlineData("", true)]
    [InlineData("maybe", true)] // anything but a clear false keeps them on duty
    public void On_duty_unless_the_file_says_false(string onDuty, bool expected) =>
        Assert.Equal(expected, Assert.Single(Read($"id,name,onDuty\ndana,Dana Reyes,{onDuty}\n")).OnDuty);

    [Fact]
    public void A_manager_may_be_someone_in_the_file_or_in_the_settings()
    {
        var staff = Read("id,name,manager\nsam,Sam Ortiz,ceo\ndana,Dana Reyes,sam\n", "ceo");

        Assert.Equal(["ceo", "sam"], staff.Select(s => s.Manager));
    }

    [Fact]
    public void A_byte_order_mark_does_not_hide_the_id_column()
    {
        File.WriteAllText(_path, "id,name\ndana,Dana Reyes\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        Assert.Equal("dana", Assert.Single(StaffCsv.Read(_path, [])).Id);
    }

    [Fact]
    public void Bad_rows_are_reported_by_file_and_line()
    {
        File.WriteAllText(_path, "id,name,mobile\nok,Okay Person,+12125550131\nBad Id,,555-0100\n");

        var error = Assert.Throws<InvalidOperationException>(() => StaffCsv.Read(_path, []));

        Assert.Contains($"{_path} line 3:Id 'Bad Id' must be 1-32 lowercase letters", error.Message);
        Assert.Contains($"{_path} line 3:Name is required.", error.Message);
        Assert.Contains($"{_path} line 3:Mobile must be a valid number in E.164", error.Message);
        Assert.DoesNotContain("line 2", error.Message);
    }

    [Theory]
    [InlineData("id,name,manager\ndana,Dana Reyes,nobody\n", "line 2:Manager 'nobody' is not the id of anyone in FollowUp:Staff.")]
    [InlineData("id,name,timeZone\ndana,Dana Reyes,Central\n", "line 2:TimeZone 'Central' is not a known IANA time zone.")]
    [InlineData("id,name,apiKey\ndana,Dana Reyes,short-key\n", "line 2:ApiKey must be at least 24 characters; use a random one.")]
    [InlineData("id,name,bookingUrl\ndana,Dana Reyes,cal.com/dana\n", "line 2:BookingUrl must be an absolute http(s) URL.")]
    [InlineData("id,name,bookingUrl\ndana,Dana Reyes,javascript:alert(1)\n", "line 2:BookingUrl must be an absolute http(s) URL.")]
    [InlineData("id,name,mobile\ndana,Dana Reyes,2125550131\n", "line 2:Mobile must be a valid number in E.164, such as +12125550100.")] // no country code
    [InlineData("id,name,signInId,signInProvider\ndana,Dana Reyes,abc,Entra ID\n", "line 2:SignInProvider 'Entra ID' must be an App Service Authentication provider name such as aad.")]
    [InlineData("id,name,apiKey\ndana,Dana Reyes,@Microsoft.KeyVault(SecretUri=https://v.vault.azure.net/secrets/k)\n", "line 2:ApiKey is an unresolved Key Vault reference")]
    public void Each_problem_of_a_row_names_the_setting_and_why(string text, string problem)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read(text));

        Assert.Contains($"{_path} {problem}", error.Message);
    }

    [Fact]
    public void A_line_break_in_a_quoted_cell_counts_in_the_line_numbers()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Read("id,name\nsam,\"Sam\nOrtiz\"\nBAD,Bad Id\n"));

        Assert.Contains($"{_path} line 4:Id 'BAD'", error.Message);
    }
}
