using Microsoft.Extensions.Options;

namespace FollowUp.Tests.Core.Business;

/// <summary>A submission's fields are read strictly and normalized; each problem is named under its field.</summary>
[Trait("Category", "Unit")]
public sealed class SubmissionValidatorTests
{
    private static readonly SubmissionValidator Validator = new(Options.Create(new BusinessOptions { Name = "Bright Side Plumbing" }));

    private static (Submission? Submission, Dictionary<string, string[]> Errors) Validate(bool referral = false, params (string Name, string? Value)[] fields) =>
        Validator.Validate(fields.ToDictionary(f => f.Name, f => f.Value), referral);

    private static Prospect Valid(params (string Name, string? Value)[] fields)
    {
        var (submission, errors) = Validate(false, fields);
        Assert.Empty(errors);
        return submission!.Prospect;
    }

    private static string[] ErrorsOf(string field, params (string Name, string? Value)[] fields)
    {
        var (submission, errors) = Validate(false, fields);
        Assert.Null(submission);
        return Assert.Contains(field, errors);
    }

    [Fact]
    public void A_name_and_an_email_make_a_web_form_inquiry_with_the_defaults()
    {
        var (submission, errors) = Validate(false, ("name", "  Lee Park "), ("email", "Lee.Park@Example.COM"));

        Assert.Empty(errors);
        Assert.Equal(new Prospect("Lee Park", "Lee.Park@example.com", null, null, null, "web form", null, false), submission!.Prospect);
        Assert.Equal(InquiryKind.WebForm, submission.Kind);
    }

    [Theory]
    [InlineData("(212) 555-0100", "+12125550100")] // written without a country code: the business's region
    [InlineData("212.555.0100", "+12125550100")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    [InlineData("+1 646 555 0111", "+16465550111")]
    public void Phone_numbers_are_kept_in_e164(string phone, string e164) =>
        Assert.Equal(e164, Valid(("name", "Lee Park"), ("phone", phone)).Phone);

    [Theory]
    [InlineData("12345")]
    [InlineData("not a number")]
    [InlineData("+1 212 555 0100 0000 0000 0000 0000 00")] // longer than 32 characters
    [InlineData("+999 1234 5678")]
    public void A_number_that_is_not_a_phone_number_is_refused_saying_how_to_write_one(string phone) =>
        Assert.Equal(["Not a valid phone number. Include the country code if it is outside US."], ErrorsOf("phone", ("name", "Lee Park"), ("phone", phone)));

    [Theory]
    [InlineData("+19002345678", "This is a premium-rate number. Give a mobile or landline number.")]
    [InlineData("+33884012345", "This is a shared-cost number. Give a mobile or landline number.")]
    [InlineData("+447012345678", "This is a personal forwarding number. Give a mobile or landline number.")]
    public void Numbers_that_earn_money_when_texted_are_refused_by_kind(string phone, string error) =>
        Assert.Equal([error], ErrorsOf("phone", ("name", "Lee Park"), ("phone", phone)));

    [Theory]
    [InlineData("lee@")]
    [InlineData("lee@example")] // no dot in the domain
    [InlineData("Lee Park <lee@example.com>")] // a display name
    [InlineData("lee park@example.com")]
    [InlineData("lee@@example.com")]
    [InlineData("lee.example.com")]
    public void Anything_but_a_bare_address_is_not_a_valid_email(string email) =>
        Assert.Equal(["Not a valid email address."], ErrorsOf("email", ("name", "Lee Park"), ("email", email)));

    [Fact]
    public void An_email_longer_than_254_characters_is_refused() =>
        Assert.Equal(["Not a valid email address."], ErrorsOf("email", ("name", "Lee Park"), ("email", new string('a', 64) + "@" + new string('b', 186) + ".com")));

    [Fact]
    public void Without_an_email_or_a_phone_both_fields_ask_for_one()
    {
        var (_, errors) = Validate(false, ("name", "Lee Park"), ("email", "  "));

        Assert.Equal(["Give an email address or a phone number."], errors["email"]);
        Assert.Equal(["Give an email address or a phone number."], errors["phone"]);
    }

    [Theory]
    [InlineData(null, "Required.")]
    [InlineData("   ", "Required.")]
    [InlineData("Lee\nPark", "Must be a single line without control characters.")]
    [InlineData("<b>Lee</b>", "Must not contain < or >.")]
    [InlineData("www.win-cash.com", "Must be a name, not a web or email address.")]
    [InlineData("bit.ly/prize", "Must be a name, not a web or email address.")]
    [InlineData("Win at win-cash . xyz", "Must be a name, not a web or email address.")]
    [InlineData("https://evil.example", "Must be a name, not a web or email address.")]
    [InlineData("lee@example.com", "Must be a name, not a web or email address.")]
    public void A_name_must_be_one_line_of_plain_words(string? name, string error) =>
        Assert.Equal([error], ErrorsOf("name", ("name", name), ("email", "lee@example.com")));

    [Theory]
    [InlineData("Dr. Lee Park")]
    [InlineData("María-José O'Brien")]
    [InlineData("李 小龙")]
    public void Real_names_with_dots_accents_and_other_scripts_are_kept(string name) =>
        Assert.Equal(name, Valid(("name", name), ("email", "lee@example.com")).Name);

    [Fact]
    public void A_name_of_a_hundred_characters_is_kept_and_one_more_is_refused()
    {
        Assert.Equal(100, Valid(("name", new string('a', 100)), ("email", "lee@example.com")).Name.Length);
        Assert.Equal(["At most 100 characters."], ErrorsOf("name", ("name", new string('a', 101)), ("email", "lee@example.com")));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>", "Must not contain HTML tags; write it as plain text.")]
    [InlineData("see </p> here", "Must not contain HTML tags; write it as plain text.")]
    [InlineData("<!-- hidden -->", "Must not contain HTML tags; write it as plain text.")]
    [InlineData("bell \u0007 here", "Must not contain control characters.")]
    public void A_message_must_be_plain_text(string message, string error) =>
        Assert.Equal([error], ErrorsOf("message", ("name", "Lee Park"), ("email", "lee@example.com"), ("message", message)));

    [Theory]
    [InlineData("A leak under the sink,\r\nsince Monday.\tThanks")]
    [InlineData("A pipe under < 2 inches wide")]
    [InlineData("3 < 4 and 5 > 2")]
    public void Line_breaks_tabs_and_a_bare_less_than_are_plain_text(string message) =>
        Assert.Equal(message, Valid(("name", "Lee Park"), ("email", "lee@example.com"), ("message", message)).Message);

    [Fact]
    public void A_message_of_two_thousand_characters_is_kept_and_one_more_is_refused()
    {
        Assert.NotNull(Valid(("name", "Lee Park"), ("email", "lee@example.com"), ("message", new string('m', 2000))).Message);
        Assert.Equal(["At most 2000 characters."], ErrorsOf("message", ("name", "Lee Park"), ("email", "lee@example.com"), ("message", new string('m', 2001))));
    }
}
