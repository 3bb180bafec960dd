using System.ComponentModel.DataAnnotations;

namespace FollowUp.Tests.Core;

/// <summary>The public forms' settings: the honeypot that tells bots apart, where a form post lands, which origins may post.</summary>
[Trait("Category", "Unit")]
public sealed class IntakeOptionsTests
{
    [Theory]
    [InlineData("https://spam.example", true)]
    [InlineData("x", true)]
    [InlineData("   ", false)] // browsers may send the empty field; white space is not filling it
    [InlineData("", false)]
    [InlineData(null, false)]
    public void A_submission_that_filled_the_honeypot_is_a_bots(string? website, bool caught) =>
        Assert.Equal(caught, new IntakeOptions().FilledHoneypot(new Dictionary<string, string?> { ["name"] = "Lee Park", ["website"] = website }));

    [Fact]
    public void The_honeypot_is_the_field_configured()
    {
        var options = new IntakeOptions { HoneypotField = "fax" };

        Assert.False(options.FilledHoneypot(new Dictionary<string, string?> { ["website"] = "https://spam.example" }));
        Assert.True(options.FilledHoneypot(new Dictionary<string, string?> { ["fax"] = "555" }));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/thanks")]
    [InlineData("https://www.example.com/thanks")]
    [InlineData("http://localhost:8080/thanks")]
    public void A_thank_you_page_may_be_a_path_or_a_web_address(string? url) =>
        Assert.Empty(Problems(new IntakeOptions { ThankYouUrl = url }));

    [Theory]
    [InlineData("thanks")]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://example.com/thanks")]
    public void Any_other_thank_you_page_is_a_startup_error(string url) =>
        Assert.Equal(["FollowUp:Intake:ThankYouUrl must be an http(s) URL or a path starting with '/'."], Problems(new IntakeOptions { ThankYouUrl = url }));

    [Theory]
    [InlineData("https://www.example.com", true)]
    [InlineData("http://localhost:5173", true)]
    [InlineData("https://www.example.com/", false)] // an origin has no trailing slash
    [InlineData("https://www.example.com/form", false)]
    [InlineData("www.example.com", false)]
    public void Allowed_origins_must_be_scheme_and_host_only(string origin, bool valid) =>
        Assert.Equal(valid ? [] : [$"FollowUp:Intake:AllowedOrigins entry '{origin}' must be an origin such as https://www.example.com."],
            Problems(new IntakeOptions { AllowedOrigins = [origin] }));

    private static List<string?> Problems(IntakeOptions options) =>
        [.. options.Validate(new ValidationContext(options)).Select(r => r.ErrorMessage)];
}
