using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using FollowUp.Tests.Fixtures;

namespace FollowUp.Tests.Deployment;

/// <summary>
/// Every setting the app reads is listed in local.settings.sample.json and in the tables of
/// docs/configuration.md, so nobody has to read code to configure it.
/// </summary>
public sealed partial class SettingsCatalogTests(AzuriteFixture azurite)
{
    /// <summary>Key prefixes the app owns; framework settings (Logging, Kestrel, urls…) are not ours to list.</summary>
    private static readonly string[] AppPrefixes = ["FollowUp:", "AzureWebJobsStorage", "FUNCTIONS_", "Twilio:", "SendGrid:", "Sms:", "Email:"];

    [Fact]
    public async Task Every_setting_the_app_reads_is_in_the_sample_settings_and_the_configuration_doc()
    {
        HashSet<string> read = [.. await SettingsReadDuringAFullRunAsync(), .. OptionsProperties()];
        var sample = WithParents(SampleSettings());
        var documented = WithParents(DocumentedSettings());

        Assert.Contains("FollowUp:Intake:AllowedOrigins", read);
        Assert.Contains("FollowUp:Queues:Notifications", read);
        string[] missingFromSample = [.. read.Where(key => !sample.Contains(key)).Order()];
        string[] missingFromDocs = [.. read.Where(key => !documented.Contains(key)).Order()];
        Assert.Equal([], missingFromSample);
        Assert.Equal([], missingFromDocs);
    }

    private async Task<HashSet<string>> SettingsReadDuringAFullRunAsync()
    {
        await using var app = new FollowUpApp(azurite);
        var response = await app.PostJsonAsync("/api/referrals", new
        {
            referrer = new { name = "Ann", email = "ann@example.com" },
            prospect = new { name = "Bo", email = "bo@example.com" },
        });
        var id = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<JsonElement>(response.Content, TestContext.Current.CancellationToken))
            .GetProperty("id").GetString()!;
        await app.Sent.WaitForAsync(id, count: 2);
        await app.Client().GetAsync("/api/health", TestContext.Current.CancellationToken);

        var keys = app.ReadSettings.Keys.Keys.Where(key => AppPrefixes.Any(p => key.StartsWith(p, StringComparison.OrdinalIgnoreCase))).Select(Normalize).ToHashSet();

        // Binding reads each section's own key too ("FollowUp:Business"); those are not settings.
        var sections = OptionsProperties().Select(key => key[..key.LastIndexOf(':')]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. keys.Where(key => !sections.Contains(key))];
    }

    /// <summary>
    /// Every bindable property of every options class (a class with a SectionName constant). Reads
    /// alone miss these when a section holds no values, because binding then skips the properties.
    /// </summary>
    private static IEnumerable<string> OptionsProperties() =>
        from type in typeof(HostingMode).Assembly.GetTypes()
        let section = type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)
        where section is { IsLiteral: true }
        from property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        where property.CanWrite
        select $"{section.GetRawConstantValue()}:{property.Name}";

    private static HashSet<string> SampleSettings()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(Published.RepoRoot, "local.settings.sample.json")));
        return [.. sample.RootElement.GetProperty("Values").EnumerateObject().Select(p => Normalize(p.Name.Replace("__", ":")))];
    }

    /// <summary>The first-column names of docs/configuration.md's tables (the settings and the message templates).</summary>
    private static HashSet<string> DocumentedSettings()
    {
        var doc = File.ReadAllText(Path.Combine(Published.RepoRoot, "docs", "configuration.md"));
        return [.. TableRowName().Matches(doc).Select(m => Normalize(m.Groups["name"].Value.Replace("__", ":")))];
    }

    /// <summary>A documented key documents the map it is in: <c>Windows:Hours:Monday</c> covers <c>Windows:Hours</c>.</summary>
    private static HashSet<string> WithParents(HashSet<string> keys) =>
        [.. keys.SelectMany(key => key.Split(':').Select((_, i) => string.Join(':', key.Split(':').Take(i + 1))))];

    /// <summary>Array elements are one setting: <c>AllowedOrigins:0</c> and <c>Staff:3:Name</c> are <c>AllowedOrigins</c> and <c>Staff:Name</c>.</summary>
    private static string Normalize(string key) => ArrayIndex().Replace(key, "");

    [GeneratedRegex(@"^\| `(?<name>[^`]+)`", RegexOptions.Multiline)]
    private static partial Regex TableRowName();

    [GeneratedRegex(@":\d+(?=:|$)")]
    private static partial Regex ArrayIndex();
}
