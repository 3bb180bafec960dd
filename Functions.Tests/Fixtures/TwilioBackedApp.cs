namespace FollowUp.Tests.Fixtures;

/// <summary>
/// The app sending SMS through a fake Twilio whose clock is the app's, with the public URL Twilio signs
/// its webhooks for. Test classes about texts start one in <c>InitializeAsync</c> and dispose it after.
/// </summary>
public sealed class TwilioBackedApp : IAsyncDisposable
{
    public const string PublicBaseUrl = "https://followup.example";

    private TwilioBackedApp(FakeTwilio twilio, FollowUpApp app)
    {
        Twilio = twilio;
        App = app;
    }

    public FakeTwilio Twilio { get; }

    public FollowUpApp App { get; }

    /// <param name="settings">Settings beside Twilio's own.</param>
    public static async Task<TwilioBackedApp> StartAsync(AzuriteFixture azurite, IDictionary<string, string?>? settings = null)
    {
        var twilio = await FakeTwilio.StartAsync();
        var all = twilio.Settings(PublicBaseUrl);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var app = new FollowUpApp(azurite, all);
        twilio.Clock = app.Time.GetUtcNow;
        return new TwilioBackedApp(twilio, app);
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Twilio.DisposeAsync();
    }
}
