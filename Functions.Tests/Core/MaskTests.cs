namespace FollowUp.Tests.Core;

/// <summary>Contact details are masked for logs: enough to tell two apart, not enough to contact anyone.</summary>
[Trait("Category", "Unit")]
public sealed class MaskTests
{
    [Theory]
    [InlineData("+12125550100", "+1******0100")]
    [InlineData("+442079460958", "+4*******0958")]
    [InlineData("+491701234567890", "+4**********7890")] // however long the number, four digits at most are kept
    [InlineData("5550100", "*****00")] // no country code: a third of the digits at most are kept
    [InlineData("+123", "+1*3")]
    [InlineData("12", "**")]
    [InlineData(null, "(none)")]
    [InlineData("", "(none)")]
    public void Phone_keeps_country_and_last_digits(string? phone, string masked) => Assert.Equal(masked, Mask.Phone(phone));

    [Theory]
    [InlineData("dana.smith@example.com", "d***@e***.com")]
    [InlineData("lee@mail.example.co.uk", "l***@m***.uk")]
    [InlineData("a@b@example.com", "a***@e***.com")] // the last @ starts the domain
    [InlineData("x@y", "x***@***")]
    [InlineData("@example.com", "***")]
    [InlineData("no address", "***")]
    [InlineData("", "(none)")]
    [InlineData(null, "(none)")]
    public void Email_keeps_first_letters_and_top_level_domain(string? email, string masked) => Assert.Equal(masked, Mask.Email(email));

    [Theory]
    [InlineData("lee@example.com", "l***@e***.com")]
    [InlineData("+12125550100", "+1******0100")]
    [InlineData(null, "(none)")]
    public void A_recipient_is_masked_as_the_address_or_number_it_is(string? recipient, string masked) =>
        Assert.Equal(masked, Mask.Recipient(recipient));

    [Theory]
    [InlineData("Call +12125550100 now", "Call +1******0100 now")]
    [InlineData("GET /Messages.json?To=%2B16465550111&From=%2b12125550100", "GET /Messages.json?To=+1******0111&From=+1******0100")]
    [InlineData("from lee.park@example.com: hi", "from l***@e***.com: hi")]
    [InlineData("to=lee%40example.com", "to=l***@e***.com")]
    [InlineData("Bo (+16465550111, bo@example.org)", "Bo (+1******0111, b***@e***.org)")]
    public void Numbers_and_addresses_in_free_text_are_masked_plain_or_url_encoded(string text, string masked) =>
        Assert.Equal(masked, Mask.InText(text));

    [Theory]
    [InlineData("order 2125550100 on 2026-11-23")] // digits without a + are not taken for a number
    [InlineData("code +123456")] // too short for a phone number
    [InlineData("nothing personal here")]
    public void Text_without_contact_details_is_left_alone(string text) =>
        Assert.Equal(text, Mask.InText(text));
}
