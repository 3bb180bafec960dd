namespace FollowUp.Tests.Core.Messaging;

/// <summary>Templates fill their placeholders once; a template may use only the placeholders of its kind.</summary>
[Trait("Category", "Unit")]
public sealed class MessageTemplatesTests
{
    [Fact]
    public void Placeholders_are_filled_with_their_values() =>
        Assert.Equal("Hi Lee, thanks for contacting Bright Side. Lee Park will hear from us.",
            MessageTemplates.Render("Hi {FirstName}, thanks for contacting {Business}. {Name} will hear from us.",
                ("FirstName", "Lee"), ("Business", "Bright Side"), ("Name", "Lee Park")));

    [Theory]
    [InlineData("Call {Phone} now", "Call {Phone} now")] // a placeholder without a value is left as written
    [InlineData("Hi {firstname}", "Hi {firstname}")] // names are matched exactly
    [InlineData("Hi {First Name}", "Hi {First Name}")] // not a placeholder
    [InlineData("{{FirstName}}", "{Lee}")]
    [InlineData("", "")]
    public void Only_known_placeholders_written_exactly_are_filled(string template, string expected) =>
        Assert.Equal(expected, MessageTemplates.Render(template, ("FirstName", "Lee")));

    [Fact]
    public void A_value_that_looks_like_a_placeholder_is_not_filled_in_again() =>
        Assert.Equal("Hi {Business}, from Bright Side",
            MessageTemplates.Render("Hi {FirstName}, from {Business}", ("FirstName", "{Business}"), ("Business", "Bright Side")));

    [Fact]
    public void The_placeholders_a_template_uses_are_listed_once_each() =>
        Assert.Equal(["Name", "Code", "Business"], MessageTemplates.PlaceholdersIn("{Name} {Code}: {Name} at {Business} {not one}"));

    [Fact]
    public void The_default_templates_are_valid() =>
        Assert.True(new TemplateValidator().Validate(null, new TemplateOptions()).Succeeded);

    [Fact]
    public void A_placeholder_the_template_cannot_have_is_named_with_those_it_may_use()
    {
        var result = new TemplateValidator().Validate(null, new TemplateOptions { AcknowledgmentSms = "Hi {FirstName}, your code is {Code}." });

        Assert.Equal(
            ["FollowUp:Templates:AcknowledgmentSms uses {Code}, which it cannot have; it may use {FirstName}, {Name}, {Business}, {RespondBy}, {Owner}, {StatusLink}."],
            result.Failures);
    }

    [Fact]
    public void Only_acknowledgments_may_carry_the_status_link_whose_token_exists_only_when_they_are_made()
    {
        var result = new TemplateValidator().Validate(null, new TemplateOptions { NoNewsSms = "Still working on it: {StatusLink}" });

        Assert.Equal(
            ["FollowUp:Templates:NoNewsSms uses {StatusLink}, which it cannot have; it may use {FirstName}, {Name}, {Business}, {RespondBy}, {Owner}."],
            result.Failures);
    }

    [Fact]
    public void An_empty_template_is_named()
    {
        var result = new TemplateValidator().Validate(null, new TemplateOptions { NoNewsEmailSubject = "  ", RelayedAnswerSms = "" });

        Assert.Equal(["FollowUp:Templates:NoNewsEmailSubject is empty.", "FollowUp:Templates:RelayedAnswerSms is empty."], result.Failures);
    }

    [Fact]
    public void An_import_acknowledgment_may_name_the_event_and_a_web_form_acknowledgment_may_not()
    {
        var options = new TemplateOptions { ImportAcknowledgmentSms = "Met you at {Event}", AcknowledgmentEmailBody = "Since {Event}" };

        var failure = Assert.Single(new TemplateValidator().Validate(null, options).Failures!);

        Assert.StartsWith("FollowUp:Templates:AcknowledgmentEmailBody uses {Event}", failure);
    }

    [Fact]
    public void Every_template_is_listed_once_for_checking()
    {
        var all = MessageTemplates.All(new TemplateOptions()).ToList();

        Assert.Equal(all.Count, all.Select(t => t.Setting).Distinct().Count());
        Assert.Equal(typeof(TemplateOptions).GetProperties().Count(p => p.PropertyType == typeof(string)), all.Count);
    }
}
