using Microsoft.Extensions.Options;

namespace FollowUp.Tests.Core.Messaging;

/// <summary>Texts go only to mobiles in the allowed countries; premium-rate and similar numbers are never texted.</summary>
[Trait("Category", "Unit")]
public sealed class SmsDestinationsTests
{
    private static SmsDestinations Destinations(params string[] allowed) =>
        new(Options.Create(new SmsLimitsOptions { AllowedCountries = allowed }), Options.Create(new BusinessOptions { Name = "B", DefaultRegion = "US" }));

    [Theory]
    [InlineData("+12125550100")] // a US number that may be a mobile
    [InlineData(null)] // no number: nothing to refuse
    public void A_us_number_may_be_texted_by_a_us_business(string? number) =>
        Assert.Null(Destinations().Refusal(number));

    [Theory]
    [InlineData("+447400123456")] // a UK mobile
    [InlineData("+33612345678")] // a French mobile
    public void Without_a_list_only_the_business_region_is_texted(string number) =>
        Assert.Equal("it is outside the countries texts go to (US)", Destinations().Refusal(number));

    [Fact]
    public void The_allowed_countries_are_a_list_matched_whatever_their_case()
    {
        var destinations = Destinations("US", "gb");

        Assert.Null(destinations.Refusal("+447400123456"));
        Assert.Equal("it is outside the countries texts go to (US, gb)", destinations.Refusal("+33612345678"));
    }

    [Theory]
    [InlineData("+19002345678", "it is a premium-rate number")]
    [InlineData("+33884012345", "it is a shared-cost number")]
    [InlineData("+447012345678", "it is a personal forwarding number")]
    public void Numbers_that_earn_money_are_refused_before_the_country_is_looked_at(string number, string why) =>
        Assert.Equal(why, Destinations("US", "GB", "FR").Refusal(number));

    [Fact]
    public void A_landline_in_an_allowed_country_is_kept_for_calls_but_not_texted() =>
        Assert.Equal("it is a landline or another kind of number that cannot receive texts", Destinations("GB").Refusal("+442079460958"));

    [Theory]
    [InlineData("not a number")]
    [InlineData("+")]
    public void Something_that_is_not_a_number_is_not_texted(string number) =>
        Assert.Equal("not a valid phone number", Destinations().Refusal(number));

    [Fact]
    public void An_allowed_country_that_is_not_a_region_code_is_a_startup_error()
    {
        var options = new SmsLimitsOptions { AllowedCountries = ["US", "USA"] };

        var error = Assert.Single(options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)));

        Assert.Equal("FollowUp:Sms:AllowedCountries 'USA' is not a two-letter region code such as US or GB.", error.ErrorMessage);
    }
}
