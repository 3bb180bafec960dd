using System.Xml.Linq;

namespace FollowUp.Hosting.Local;

/// <summary>
/// <c>dotnet run --project Functions -- twilio sms +12125550101 "CLAIM 7K2QXM"</c> and its siblings: post
/// what Twilio or SendGrid would to the app running locally, signed with the keys its launch profile
/// gave it, and print the answer. So staff commands, a prospect's reply, a delivery status or a bounce
/// can be tried without a provider account or any signing code.
/// </summary>
internal static class ProviderCommand
{
    public const string Usage = """
        Posts what Twilio or SendGrid would to the running app, signed as they sign it:
          twilio sms FROM TEXT...            a text from FROM to the business number: a staff command
                                             ("CLAIM 7K2QXM", "R 7K2QXM see you at 5") or a prospect's reply
          twilio status MESSAGE-ID STATUS [ERROR-CODE]
                                             a delivery status (delivered, undelivered, failed) of a text
          sendgrid email FROM TEXT...        an email reply from FROM to the last email they were sent
          sendgrid event MESSAGE-ID EVENT [REASON]
                                             an email event (delivered, bounce, dropped, spamreport, unsubscribe)
        MESSAGE-ID is a messageId from the local sink (Functions/.followup/sent.jsonl).
        Option: --url URL, where the app runs (default http://localhost:7071).
        """;

    public static bool IsCommand(string[] args) => args is ["twilio" or "sendgrid", ..];

    /// <summary>Runs the command with the app's own configuration (settings files, environment, launch profile).</summary>
    public static int Run(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        return RunAsync(args, builder.Configuration, builder.Environment.ContentRootPath, client, TimeProvider.System, Console.Out, CancellationToken.None)
            .GetAwaiter().GetResult();
    }

    /// <returns>0 when the app took it (2xx), 1 when it refused or did not answer, 2 when the command was not understood.</returns>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args, IConfiguration configuration, string contentRoot, HttpClient client, TimeProvider time, TextWriter output, CancellationToken cancellationToken)
    {
        var words = args.ToList();
        var at = words.IndexOf("--url");
        var app = new Uri(HostingMode.StandaloneUrl);
        if (at >= 0 && at + 1 < words.Count && Uri.TryCreate(words[at + 1], UriKind.Absolute, out var given))
        {
            app = given;
            words.RemoveRange(at, 2);
        }

        var posts = new ProviderPosts(configuration, contentRoot, time);
        HttpRequestMessage request;
        try
        {
            request = words.ToArray() switch
            {
                ["twilio", "sms", var from, .. var text] when text.Length > 0 => posts.Text(from, string.Join(' ', text)),
                ["twilio", "status", var message, var status] => posts.Status(message, status, null),
                ["twilio", "status", var message, var status, var code] => posts.Status(message, status, code),
                ["sendgrid", "email", var from, .. var text] when text.Length > 0 => posts.Email(from, string.Join(' ', text)),
                ["sendgrid", "event", var message, var type, .. var reason] => posts.Event(message, type, reason.Length > 0 ? string.Join(' ', reason) : null),
                _ => throw new CommandProblem(Usage),
            };
        }
        catch (CommandProblem problem)
        {
            await output.WriteLineAsync(problem.Message);
            return 2;
        }

        request.RequestUri = new Uri(app, request.RequestUri!.OriginalString);
        using (request)
        {
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                await output.WriteLineAsync($"Nothing answers at {app} ({ex.Message}). Start the app first (dotnet run --project Functions), or pass --url.");
                return 1;
            }

            using (response)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                await output.WriteLineAsync($"{request.Method} {request.RequestUri.AbsolutePath}: {(int)response.StatusCode} {response.ReasonPhrase}");
                foreach (var line in Said(body, response.Content.Headers.ContentType?.MediaType))
                {
                    await output.WriteLineAsync("  " + line);
                }

                return response.IsSuccessStatusCode ? 0 : 1;
            }
        }
    }

    /// <summary>What the app answered, for a person: the texts of a TwiML answer, or the body as it is.</summary>
    private static IEnumerable<string> Said(string body, string? mediaType)
    {
        if (body.Trim().Length == 0)
        {
            return [];
        }

        if (mediaType is "text/xml" or "application/xml")
        {
            var replies = XDocument.Parse(body).Root?.Elements("Message").Select(m => "reply by text: " + m.Value).ToList() ?? [];
            return replies.Count > 0 ? replies : ["(no reply by text)"];
        }

        return [body];
    }
}
