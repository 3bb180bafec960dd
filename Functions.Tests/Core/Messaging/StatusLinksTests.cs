using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FollowUp.Tests.Core.Messaging;

/// <summary>Status link tokens: 128 random bits in base64url, kept as SHA-256, cut out of what is kept; and the acknowledgment that carries one stays within two segments.</summary>
[Trait("Category", "Unit")]
public sealed class StatusLinksTests
{
    private static readonly StatusLinks Links = new(Options.Create(new PublicUrlOptions { PublicBaseUrl = "https://func-followup-abc.azurewebsites.net/" }));

    [Fact]
    public void A_token_is_22_base64url_characters_of_128_random_bits_and_its_hash_is_hex_sha256()
    {
        var ids = new IdGenerator(new FakeTimeProvider());
        var tokens = Enumerable.Range(0, 100).Select(_ => ids.NewStatusToken()).ToList();

        Assert.All(tokens, t => Assert.True(StatusLinks.IsWellFormed(t), t));
        Assert.All(tokens, t => Assert.Equal(16, System.Buffers.Text.Base64Url.DecodeFromChars(t).Length));
        Assert.Equal(100, tokens.Distinct().Count());
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", StatusLinks.Hash("abc"));
        Assert.Equal("https://func-followup-abc.azurewebsites.net/api/pages/p/" + tokens[0], Links.UrlFor(tokens[0]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAA=")] // padding
    [InlineData("AAAAAAAAAAAAAAAAAAAA/+")] // base64, not base64url
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAA")] // 23
    [InlineData(null)]
    public void Anything_else_is_not_a_token(string? token) => Assert.False(StatusLinks.IsWellFormed(token));

    [Fact]
    public void Redacting_cuts_every_token_out_of_a_message_and_leaves_the_rest()
    {
        var text = $"Hi Ana. Track it: {Links.UrlFor("q8Xr2L0aT5mN7vB3kJ9w_c")} Reply STOP to opt out.";

        Assert.Equal("Hi Ana. Track it: https://func-followup-abc.azurewebsites.net/api/pages/p/… Reply STOP to opt out.", StatusLinks.Redact(text));
    }

    [Fact]
    public void The_default_acknowledgment_with_a_typical_link_stays_within_two_segments()
    {
        var t = new TemplateOptions();
        var values = new Dictionary<string, string>
        {
            ["FirstName"] = "Alexandra", ["Business"] = "Bright Side Plumbing and Heating", ["Owner"] = "Christopher",
            ["RespondBy"] = "10:45 AM on Wednesday, November 25", ["StatusLink"] = Links.Typical(), ["Event"] = "the Spring Home Show",
        };

        Assert.Equal(78, Links.Typical().Length);
        Assert.Equal((2, "GSM-7"), SmsSegments.Count(MessageTemplates.Render(t.AcknowledgmentSms, values)));
        Assert.Equal((2, "GSM-7"), SmsSegments.Count(MessageTemplates.Render(t.ImportAcknowledgmentSms, values)));
        Assert.Contains("{StatusLink}", t.AcknowledgmentEmailBody);
    }

    [Fact]
    public void The_template_report_counts_a_status_link_at_its_typical_length()
    {
        // Three links take two segments; three unfilled "{StatusLink}" would fit in one.
        var templates = new MessageTemplates(Options.Create(new TemplateOptions { AcknowledgmentSms = "{StatusLink} {StatusLink} {StatusLink}" }));
        var logger = new Microsoft.Extensions.Logging.Testing.FakeLogger<SmsTemplateReport>();
        var report = new SmsTemplateReport(templates, Links, Options.Create(new BusinessOptions { Name = "Bright Side Plumbing" }), null!, logger);

        report.Report();

        Assert.Contains(logger.Collector.GetSnapshot(), r => r.Message == "FollowUp:Templates:AcknowledgmentSms takes 2 SMS segment(s) (GSM-7) with typical values");
    }

    [Theory]
    [InlineData("detail=It%27s+upstairs", "It's upstairs")]
    [InlineData("detail=caf%C3%A9", "café")]
    [InlineData("detail=%C3%28", null)] // percent-encoded bytes that are not UTF-8
    [InlineData("detail=%zz", null)] // not an escape
    [InlineData("detail=50%", null)]
    public async Task A_form_is_read_only_when_it_is_utf8_throughout(string body, string? detail)
    {
        var form = await UrlEncodedForm.ReadAsync(Encoding.ASCII.GetBytes(body));

        Assert.Equal(detail, form?["detail"].ToString());
    }
}
