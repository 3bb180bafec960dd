using FollowUp.Tests.Fixtures;
using Microsoft.Playwright;

namespace FollowUp.Tests.Pages;

/// <summary>The embeddable contact form in a real headless Chromium, with and without JavaScript.</summary>
public sealed class FormPageTests(AzuriteFixture azurite, ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string ShopOrigin = "http://shop.localhost:5555";

    [Fact]
    public async Task Without_javascript_the_form_posts_plainly_and_lands_on_the_thank_you_page()
    {
        await using var app = new FollowUpApp(azurite);
        var page = await chromium.NewPageAsync(javaScript: false);
        await page.GotoAsync(new Uri(app.BaseAddress, "/api/pages/form/").ToString());

        await FillAsync(page, "Lee Park", "lee@example.com", "The kitchen tap drips");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/api/thanks?id=*");

        Assert.Equal("Thank you", await page.TextContentAsync("h1"));
        Assert.Contains("Bright Side Plumbing received your message and will get back to you by", await page.TextContentAsync("p"));
        var inquiry = await app.InquiryAsync(FollowUpApp.QueryValue(new Uri(page.Url), "id"));
        Assert.Equal("Lee Park", inquiry!.Name);
        Assert.Equal("website", inquiry.Source);
        Assert.Equal("The kitchen tap drips", inquiry.Message);
        Assert.Equal("email", (await app.Sent.WaitForAsync(inquiry.PartitionKey)).Single().Channel);
    }

    [Fact]
    public async Task With_the_script_the_answer_appears_in_place_naming_the_time()
    {
        await using var app = new FollowUpApp(azurite);
        var page = await chromium.NewPageAsync();
        var url = new Uri(app.BaseAddress, "/api/pages/form/").ToString();
        await page.GotoAsync(url);

        await FillAsync(page, "Lee Park", "lee@example.com", "The kitchen tap drips");
        await page.ClickAsync("button[type=submit]");
        var result = page.Locator(".followup-result");
        await Assertions.Expect(result).ToContainTextAsync("Bright Side Plumbing will get back to you by 9:15 AM today");

        Assert.Equal(url, page.Url);
        Assert.Equal("", await page.InputValueAsync("#followup-name")); // cleared for the next visitor
        Assert.Equal(1, await app.PartitionCountAsync());
    }

    [Fact]
    public async Task With_the_script_field_errors_appear_beside_their_fields()
    {
        await using var app = new FollowUpApp(azurite);
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, "/api/pages/form/").ToString());

        await page.FillAsync("#followup-name", "Lee Park");
        await page.FillAsync("#followup-phone", "123");
        await page.ClickAsync("button[type=submit]");

        var error = page.Locator("#followup-phone-error");
        await Assertions.Expect(error).ToContainTextAsync("Not a valid phone number");
        Assert.Equal("true", await page.GetAttributeAsync("#followup-phone", "aria-invalid"));
        Assert.Equal("followup-phone-error", await page.GetAttributeAsync("#followup-phone", "aria-describedby"));
        Assert.Equal("followup-phone", await page.EvaluateAsync<string>("document.activeElement.id"));
        Assert.Equal(0, await app.PartitionCountAsync());
    }

    [Fact]
    public async Task A_page_on_an_allowed_origin_posts_across_origins_and_shows_the_answer()
    {
        await using var app = new FollowUpApp(azurite, new Dictionary<string, string?> { ["FollowUp:Intake:AllowedOrigins:0"] = ShopOrigin });
        var page = await ShopPageAsync(app);

        await FillAsync(page, "Lee Park", "lee@example.com", "From the shop site");
        await page.ClickAsync("button[type=submit]");

        await Assertions.Expect(page.Locator(".followup-result")).ToContainTextAsync("Thanks! Bright Side Plumbing will get back to you by");
        Assert.StartsWith(ShopOrigin, page.Url);
        Assert.Equal(1, await app.PartitionCountAsync());
    }

    [Fact]
    public async Task On_an_origin_not_allowed_the_script_falls_back_to_a_plain_post_without_a_second_inquiry()
    {
        await using var app = new FollowUpApp(azurite);
        var page = await ShopPageAsync(app);

        await FillAsync(page, "Lee Park", "lee@example.com", "From the shop site");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/api/thanks?id=*");

        // The fetch reached the app but the browser withheld the answer; the plain post joined the same inquiry.
        var id = Assert.Single(await app.InquiryIdsAsync());
        Assert.Equal(2, (await app.InquiryAsync(id))!.Submissions);
        await app.Sent.WaitForAsync(id);
        await app.SettledAsync(id);
        Assert.Single(app.Sent.For(id));
    }

    /// <summary>The snippet as a business would paste it into its own site, served from another origin.</summary>
    private async Task<IPage> ShopPageAsync(FollowUpApp app)
    {
        var snippet = await File.ReadAllTextAsync(Path.Combine(Published.RepoRoot, "Functions", "wwwroot", "form", "snippet.html"), TestContext.Current.CancellationToken);
        var html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Shop</title></head><body><h1>Our shop</h1>"
            + snippet.Replace("https://followup.example.com/", app.BaseAddress.ToString(), StringComparison.Ordinal) + "</body></html>";
        var page = await chromium.NewPageAsync();
        // Chromium treats a routed page as public and asks before it reaches loopback, where the app
        // runs in tests; a visitor's browser posting to the deployed app over the internet never asks.
        await page.Context.GrantPermissionsAsync(["local-network-access"]);
        await page.RouteAsync(ShopOrigin + "/**", route => route.FulfillAsync(new RouteFulfillOptions { ContentType = "text/html", Body = html }));
        await page.GotoAsync(ShopOrigin + "/contact");
        return page;
    }

    private static async Task FillAsync(IPage page, string name, string email, string message)
    {
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("How can we help?").FillAsync(message);
    }
}
