namespace FollowUp.Tests.Core;

/// <summary>An email is believed to be from an address only when its From is that address and the receiving server's checks do not say otherwise.</summary>
[Trait("Category", "Unit")]
public sealed class EmailSenderTests
{
    [Theory]
    [InlineData("Lee Park <Lee.Park@Example.COM>", "Lee.Park@Example.COM")]
    [InlineData("lee.park@example.com", "lee.park@example.com")]
    [InlineData("\"Park, Lee\" <lee@example.com>", "lee@example.com")]
    [InlineData("not an address", null)]
    [InlineData("", null)]
    public void The_address_is_read_from_the_from_header(string from, string? expected) =>
        Assert.Equal(expected, EmailSender.AddressIn(from));

    [Fact]
    public void Addresses_are_matched_whole_and_case_insensitively()
    {
        Assert.True(EmailSender.Same("Dora.Case@Example.com", " dora.case@example.COM "));
        Assert.False(EmailSender.Same("dora.case@example.com", "dora.case@example.co"));
        Assert.False(EmailSender.Same("dora.case@example.com", null));
    }

    [Theory]
    [InlineData(null, null, null, true)] // no checks given: nothing to contradict the From
    [InlineData("pass", null, """{"from":"lee@example.com"}""", true)]
    [InlineData("pass", null, """{"from":"bounces@mailer.example"}""", false)] // SPF passed for someone else's domain
    [InlineData("fail", "{@example.com : pass}", null, true)] // a passing signature of the From domain is enough
    [InlineData("softfail", "{@evil.example : pass}", """{"from":"lee@example.com"}""", false)]
    [InlineData(null, "{@example.com : fail}", null, false)]
    [InlineData("none", "{@evil.example : pass, @example.com : pass}", null, true)]
    [InlineData("pass", null, null, false)] // no envelope sender to align SPF with
    [InlineData(null, "{@mail.example.com : pass}", null, false)] // a subdomain's signature does not vouch for its parent
    [InlineData(null, "{@example.com : pass} : fail}", null, false)] // a field that does not read cleanly vouches for nothing
    [InlineData(null, "{@evil.example : pass, @example.com : pass x}", null, false)]
    [InlineData(null, "none", null, true)] // no signature at all: nothing to contradict the From
    public void Spf_and_dkim_vouch_only_for_the_from_domain(string? spf, string? dkim, string? envelope, bool vouched) =>
        Assert.Equal(vouched, EmailSender.Vouched("lee@example.com", spf, dkim, envelope));

    [Fact]
    public void A_signature_of_the_parent_domain_vouches_for_a_subdomain_sender() =>
        Assert.True(EmailSender.Vouched("lee@mail.example.com", null, "{@example.com : pass}", null));
}
