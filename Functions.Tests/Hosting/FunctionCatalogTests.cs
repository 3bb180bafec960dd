using System.Reflection;
using FollowUp.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;

namespace FollowUp.Tests.Hosting;

/// <summary>Every function is read from its trigger attribute once: its route and methods, its queue, its schedule.</summary>
[Trait("Category", "Unit")]
public sealed class FunctionCatalogTests
{
    [Theory]
    [InlineData("SubmitInquiry", "/api/inquiries", "POST,OPTIONS")]
    [InlineData("TwilioInbound", "/api/twilio/inbound", "POST")]
    [InlineData("ImportLeads", "/api/leads/import", "POST")]
    [InlineData("Health", "/api/health", "GET")]
    public void An_http_function_has_its_route_under_the_prefix_and_its_methods_in_capitals(string name, string route, string methods)
    {
        var function = Assert.Single(FunctionCatalog.Http, f => f.Name == name);

        Assert.Equal((route, methods, AuthorizationLevel.Anonymous), (function.Route, string.Join(',', function.Methods), function.AuthLevel));
    }

    [Fact]
    public void The_notifications_queue_and_the_timers_are_read_from_settings()
    {
        var queue = Assert.Single(FunctionCatalog.Queue);

        Assert.Equal(("SendNotification", "%FollowUp:Queues:Notifications%", "AzureWebJobsStorage"), (queue.Name, queue.Queue, queue.Connection));
        Assert.Equal("%FollowUp:Timers:ScanDueWindows%", Assert.Single(FunctionCatalog.Timer, t => t.Name == "ScanDueWindows").Schedule);
        Assert.Equal("%FollowUp:Timers:WeeklySummary%", Assert.Single(FunctionCatalog.Timer, t => t.Name == "WeeklySummary").Schedule);
    }

    [Fact]
    public void Every_function_in_the_app_is_listed_once_in_name_order()
    {
        var declared = typeof(FunctionCatalog).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Select(m => m.GetCustomAttribute<FunctionAttribute>()?.Name).OfType<string>().Order(StringComparer.Ordinal).ToList();

        string[] listed = [.. FunctionCatalog.Http.Select(f => f.Name), .. FunctionCatalog.Queue.Select(f => f.Name), .. FunctionCatalog.Timer.Select(f => f.Name)];

        Assert.Equal(declared, listed.Order(StringComparer.Ordinal));
        Assert.Equal(listed.Length, listed.Distinct().Count());
        Assert.Equal(FunctionCatalog.Http.Select(f => f.Name).Order(StringComparer.Ordinal), FunctionCatalog.Http.Select(f => f.Name));
    }

    [Fact]
    public void No_two_http_functions_answer_the_same_route_and_method() =>
        Assert.Empty(FunctionCatalog.Http.SelectMany(f => f.Methods.Select(m => (f.Route, m))).GroupBy(x => x).Where(g => g.Count() > 1).Select(g => g.Key));

    [Fact]
    public void A_setting_in_percent_signs_is_read_from_configuration_and_anything_else_is_kept()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["FollowUp:Queues:Notifications"] = "t1notifications" }).Build();

        Assert.Equal("t1notifications", FunctionCatalog.Resolve("%FollowUp:Queues:Notifications%", configuration));
        Assert.Equal("notifications", FunctionCatalog.Resolve("notifications", configuration));
        Assert.Equal("%", FunctionCatalog.Resolve("%", configuration));
        Assert.Equal("0 */1 * * * *", FunctionCatalog.Resolve("0 */1 * * * *", configuration));
    }

    [Fact]
    public void A_missing_setting_stops_startup_naming_it_and_the_trigger()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["FollowUp:Timers:WeeklySummary"] = "" }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => FunctionCatalog.Resolve("%FollowUp:Timers:WeeklySummary%", configuration));

        Assert.Equal("The setting 'FollowUp:Timers:WeeklySummary' is missing; the function trigger '%FollowUp:Timers:WeeklySummary%' needs it.", error.Message);
    }
}
