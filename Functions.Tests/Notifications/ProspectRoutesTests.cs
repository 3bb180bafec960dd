namespace FollowUp.Tests.Notifications;

/// <summary>Which channel reaches a prospect, and on what consent a text may go to them.</summary>
[Trait("Category", "Unit")]
public sealed class ProspectRoutesTests
{
    private static InquiryEntity Lee(string? phone = "+12125550100", string? email = "lee@example.com", bool consent = false, string? lastReply = null) =>
        new() { Name = "Lee Park", Phone = phone, Email = email, ConsentToSms = consent, LastReplyChannel = lastReply };

    [Fact]
    public void An_answer_to_a_text_goes_back_by_text_on_the_strength_of_that_text() =>
        Assert.Equal((Channels.Sms, SmsConsent.TextedUs, (string?)null), ProspectRoutes.Answer(Lee(lastReply: Channels.Sms), default));

    [Fact]
    public void An_answer_to_an_email_goes_back_by_email_even_with_consent_to_texts() =>
        Assert.Equal((Channels.Email, (string?)null, (string?)null), ProspectRoutes.Answer(Lee(consent: true, lastReply: Channels.Email), default));

    [Fact]
    public void Without_a_reply_an_answer_texts_only_with_consent_else_emails()
    {
        Assert.Equal((Channels.Sms, SmsConsent.Given, (string?)null), ProspectRoutes.Answer(Lee(consent: true), default));
        Assert.Equal((Channels.Email, (string?)null, (string?)null), ProspectRoutes.Answer(Lee(consent: false), default));
    }

    [Fact]
    public void Someone_who_gave_only_a_phone_and_no_consent_cannot_be_answered_in_writing()
    {
        var (channel, consent, why) = ProspectRoutes.Answer(Lee(email: null), default);

        Assert.Equal((null, null), (channel, consent));
        Assert.Equal("Lee Park did not agree to texts and gave no email address; call them instead.", why);
    }

    [Fact]
    public void A_stop_sends_an_answer_to_a_text_by_email_and_without_an_address_refuses_it()
    {
        Assert.Equal(Channels.Email, ProspectRoutes.Answer(Lee(lastReply: Channels.Sms), new Reachability(SmsOptedOut: true, EmailSuppressed: false)).Channel);
        Assert.Equal("Lee Park texted STOP, so no text can go to them; call or email instead.",
            ProspectRoutes.Answer(Lee(email: null, lastReply: Channels.Sms), new Reachability(SmsOptedOut: true, EmailSuppressed: false)).WhyNot);
    }

    [Theory]
    [InlineData("sms", true, false, "sms")]
    [InlineData("sms", false, false, "email")] // no consent: never a text, whatever was preferred
    [InlineData("email", true, false, "email")]
    [InlineData("email", true, true, "sms")] // the address bounced: the number is used
    public void The_acknowledgment_takes_the_preferred_channel_when_it_may(string preferred, bool consent, bool bounced, string expected) =>
        Assert.Equal(expected, ProspectRoutes.Channel("+12125550100", "lee@example.com", consent, preferred, new Reachability(false, bounced)));

    [Theory]
    [InlineData(MessageKinds.Acknowledgment, "Prospect")]
    [InlineData(MessageKinds.RelayedAnswer, "Prospect")]
    [InlineData(MessageKinds.ReferrerThanks, "Referrer")]
    [InlineData(MessageKinds.ReferrerUpdate, "Referrer")]
    [InlineData(MessageKinds.OwnerReminder, null)]
    [InlineData(MessageKinds.WeeklySummary, null)]
    public void Each_message_kind_goes_to_one_party_or_to_staff(string kind, string? party) =>
        Assert.Equal(party, MessageKinds.PartyOf(kind)?.ToString());
}
