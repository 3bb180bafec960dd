using Microsoft.Extensions.Options;

namespace FollowUp.Tests.Core.Business;

/// <summary>Consent, the channel asked for, the time zone and the source of a submission; a referral's referrer.</summary>
[Trait("Category", "Unit")]
public sealed class SubmissionConsentTests
{
    private static readonly SubmissionValidator Validator = new(Options.Create(new BusinessOptions { Name = "Bright Side Plumbing" }));

    private static (Submission? Submission, Dictionary<string, string[]> Errors) Validate(bool referral, params (string Name, string? Value)[] fields) =>
        Validator.Validate(fields.ToDictionary(f => f.Name, f => f.Value), referral);

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("on", true)]
    [InlineData("yes", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("off", false)]
    [InlineData("No", false)]
    [InlineData("0", false)]
    [InlineData(null, false)] // an unticked box sends nothing
    public void Consent_is_read_from_the_ways_forms_write_a_checkbox(string? value, bool consent)
    {
        var (submission, errors) = Validate(false, ("name", "Lee Park"), ("phone", "+12125550100"), ("consentToSms", value));

        Assert.Empty(errors);
        Assert.Equal(consent, submission!.Prospect.ConsentToSms);
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("y")]
    [InlineData("2")]
    public void Any_other_consent_value_is_refused(string value) =>
        Assert.Equal(["Use true or false."], Validate(false, ("name", "Lee Park"), ("phone", "+12125550100"), ("consentToSms", value)).Errors["consentToSms"]);

    [Fact]
    public void Asking_for_texts_needs_a_phone_number_and_consent()
    {
        var (submission, errors) = Validate(false, ("name", "Lee Park"), ("email", "lee@example.com"), ("preferredChannel", "sms"));

        Assert.Null(submission);
        Assert.Equal(["A phone number is needed to reply by SMS."], errors["phone"]);
        Assert.Equal(["Agree to receive text messages to be answered by SMS."], errors["consentToSms"]);
    }

    [Fact]
    public void Asking_for_texts_with_a_number_and_consent_is_kept_in_lower_case()
    {
        var (submission, errors) = Validate(false, ("name", "Lee Park"), ("phone", "+12125550100"), ("consentToSms", "true"), ("preferredChannel", "SMS"));

        Assert.Empty(errors);
        Assert.Equal("sms", submission!.Prospect.PreferredChannel);
    }

    [Fact]
    public void Asking_for_email_needs_an_email_address() =>
        Assert.Equal(["An email address is needed to reply by email."],
            Validate(false, ("name", "Lee Park"), ("phone", "+12125550100"), ("preferredChannel", "email")).Errors["email"]);

    [Fact]
    public void A_channel_other_than_sms_or_email_is_refused() =>
        Assert.Equal(["Use 'sms' or 'email'."],
            Validate(false, ("name", "Lee Park"), ("email", "lee@example.com"), ("preferredChannel", "fax")).Errors["preferredChannel"]);

    [Fact]
    public void A_bad_phone_is_reported_once_not_also_as_missing_for_texts()
    {
        var (_, errors) = Validate(false, ("name", "Lee Park"), ("phone", "12345"), ("consentToSms", "true"), ("preferredChannel", "sms"));

        Assert.Equal(["Not a valid phone number. Include the country code if it is outside US."], errors["phone"]);
        Assert.False(errors.ContainsKey("email"));
    }

    [Theory]
    [InlineData("America/Chicago", null)]
    [InlineData("Europe/London", null)]
    [InlineData("Central Time", "Use an IANA time zone such as America/Chicago.")]
    [InlineData("America/Springfield", "Use an IANA time zone such as America/Chicago.")]
    public void A_time_zone_must_be_an_iana_zone(string zone, string? error)
    {
        var (_, errors) = Validate(false, ("name", "Lee Park"), ("email", "lee@example.com"), ("timeZone", zone));

        Assert.Equal(error, errors.GetValueOrDefault("timeZone")?.Single());
    }

    [Fact]
    public void A_source_is_kept_on_one_line_within_a_hundred_characters()
    {
        Assert.Equal("Home Show, Boston", Validate(false, ("name", "Lee Park"), ("email", "lee@example.com"), ("source", "Home Show, Boston")).Submission!.Prospect.Source);
        Assert.Equal(["At most 100 characters."], Validate(false, ("name", "Lee Park"), ("email", "lee@example.com"), ("source", new string('s', 101))).Errors["source"]);
        Assert.Equal(["Must be a single line without control characters."], Validate(false, ("name", "Lee Park"), ("email", "lee@example.com"), ("source", "a\r\nBcc: x")).Errors["source"]);
    }

    [Fact]
    public void Field_names_are_matched_whatever_their_case_in_the_errors()
    {
        var (_, errors) = Validate(false, ("email", "lee@example.com"));

        Assert.Equal(["Required."], errors["NAME"]);
    }

    [Fact]
    public void A_referral_keeps_the_referrer_and_is_promised_as_a_referral()
    {
        var (submission, errors) = Validate(true, ("name", "Bo Chen"), ("email", "bo@example.com"),
            ("referrerName", "Ann Lee"), ("referrerPhone", "(646) 555-0111"), ("referrerConsentToSms", "on"));

        Assert.Empty(errors);
        Assert.Equal(new Referrer("Ann Lee", null, "+16465550111", true), submission!.Referrer);
        Assert.Equal(InquiryKind.Referral, submission.Kind);
    }

    [Fact]
    public void A_referrer_needs_a_name_and_a_way_to_be_thanked()
    {
        var (submission, errors) = Validate(true, ("name", "Bo Chen"), ("email", "bo@example.com"));

        Assert.Null(submission);
        Assert.Equal(["Required."], errors["referrerName"]);
        Assert.Equal(["Give the referrer's email address or phone number, so we can thank them."], errors["referrerEmail"]);
    }

    [Fact]
    public void A_referrers_fields_are_checked_like_the_prospects()
    {
        var (_, errors) = Validate(true, ("name", "Bo Chen"), ("email", "bo@example.com"),
            ("referrerName", "www.prize.com"), ("referrerEmail", "ann@"), ("referrerConsentToSms", "perhaps"));

        Assert.Equal(["Must be a name, not a web or email address."], errors["referrerName"]);
        Assert.Equal(["Not a valid email address."], errors["referrerEmail"]);
        Assert.Equal(["Use true or false."], errors["referrerConsentToSms"]);
    }

    [Fact]
    public void Referrer_fields_on_a_plain_inquiry_are_ignored()
    {
        var (submission, errors) = Validate(false, ("name", "Bo Chen"), ("email", "bo@example.com"), ("referrerName", "<b>"));

        Assert.Empty(errors);
        Assert.Null(submission!.Referrer);
    }
}
