using FollowUp.Calls;

namespace FollowUp.Tests.Calls;

/// <summary>What a caller's inquiry is called, and which callers have a number to answer.</summary>
[Trait("Category", "Unit")]
public sealed class CallerNamesTests
{
    [Theory]
    [InlineData("LEE PARK", "Lee Park")]
    [InlineData("O'BRIEN, ANN", "Caller ending 0142")] // a comma is not a name Twilio's lookup gives a person
    [InlineData("", "Caller ending 0142")]
    [InlineData(null, "Caller ending 0142")]
    [InlineData("<script>", "Caller ending 0142")]
    public void A_caller_is_named_by_twilios_caller_name_lookup_else_by_the_numbers_last_digits(string? callerName, string expected) =>
        Assert.Equal(expected, CallerNames.For("+12125550142", callerName));

    [Theory]
    [InlineData("+12125550142", true)]
    [InlineData("+447700900123", true)]
    [InlineData("anonymous", false)]
    [InlineData("client:bob", false)]
    [InlineData("sip:bob@example.com", false)]
    [InlineData("+0123456789", false)]
    [InlineData("266696687", false)] // what some carriers send for a withheld number
    [InlineData("", false)]
    [InlineData("+19005550123", false)] // premium-rate: answered like a withheld number
    public void Only_a_caller_with_a_phone_number_is_answered_by_text_and_made_an_inquiry(string from, bool phone) =>
        Assert.Equal(phone, CallerNames.IsPhone(from));

    [Theory]
    [InlineData("CA0123456789abcdef0123456789abcdef", true)]
    [InlineData("CA0123456789abcdef0123456789abcde", false)]
    [InlineData("RE0123456789abcdef0123456789abcdef", false)]
    [InlineData("CA0123456789abcdef0123456789abc/ef", false)]
    public void Only_a_value_shaped_like_twilios_call_sid_names_a_call(string sid, bool call) =>
        Assert.Equal(call, VoiceApi.IsCallSid(sid));

    [Theory]
    [InlineData("20261123140000-K3F9Q2XD", true)]
    [InlineData("20261123140000-K3F9Q2X", false)]
    [InlineData("../../etc/passwd", false)]
    [InlineData("20261123140000-K3F9Q2XI", false)] // I is not in the id alphabet
    public void Only_a_value_shaped_like_an_inquiry_id_names_an_inquiry(string id, bool inquiry) =>
        Assert.Equal(inquiry, IdGenerator.IsInquiryId(id));
}
