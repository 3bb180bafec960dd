using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FollowUp.Tests.Fixtures;
using FollowUp.Webhooks;

namespace FollowUp.Tests.Webhooks;

/// <summary>
/// Email replies: every email carries its inquiry's Reply-To; SendGrid Inbound Parse posts the reply
/// (multipart, unsigned, so the URL carries a key); it reaches the owner like a texted reply, and the
/// owner's answer goes back by email. Forged, oversized and malformed posts are refused and store nothing.
/// </summary>
public sealed class SendGridInboundTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string PublicBaseUrl = "https://followup.example";
    private const string Domain = "reply.brightside.example";
    private const string Key = "inbound-parse-key-for-tests-0123";
    private const string Dana = "+12125550101";
    private FakeSendGrid _sendGrid = null!;
    private FakeTwilio _twilio = null!;
    private FollowUpApp _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _sendGrid = await FakeSendGrid.StartAsync();
        _twilio = await FakeTwilio.StartAsync();
        var settings = _twilio.Settings(PublicBaseUrl);
        foreach (var (key, value) in _sendGrid.Settings())
        {
            settings[key] = value;
        }

        settings["SendGrid:InboundDomain"] = Domain;
        settings["SendGrid:InboundParseKey"] = Key;
        _app = new FollowUpApp(azurite, settings);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _twilio.DisposeAsync();
        await _sendGrid.DisposeAsync();
    }

    [Fact]
    public async Task An_email_reply_reaches_the_owner_and_the_owners_answer_goes_back_by_email()
    {
        var id = await _app.SubmitAsync(new { name = "Lee Park", email = "lee@example.com" });
        var acknowledgment = await Eventually.GetAsync(() => Task.FromResult(_sendGrid.Emails.ToList()), e => e.Count == 1, "the acknowledgment");
        var replyTo = ReplyAddress(id);
        Assert.Equal(replyTo, acknowledgment[0].ReplyTo);
        Assert.DoesNotContain(IdGenerator.ShortCode(id).ToLowerInvariant(), replyTo);

        var response = await PostAsync(Key, Reply(replyTo, """
            Yes, Thursday morning works.

            On Mon, Nov 23, 2026 at 9:01 AM Bright Side Plumbing <hello@brightside.example>
            wrote:
            > Hi Lee, thanks for contacting Bright Side Plumbing.
            """, attachment: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var code = IdGenerator.ShortCode(id);
        Assert.Contains(await _app.TimelineAsync(id), e => e is { Type: "prospect-replied", Detail: "Lee Park emailed: Yes, Thursday morning works. (1 attachment(s), not kept)" });
        var forwarded = await Eventually.GetAsync(() => Task.FromResult(_twilio.Messages.Where(m => m.To == Dana).ToList()), m => m.Count == 1, "the forward to Dana");
        Assert.StartsWith($"Lee Park replied ({code}): Yes, Thursday morning works. (1 attachment(s), not kept)", forwarded[0].Body);

        var answer = TwilioSigning.Replies(await TwilioSigning.TextAsync(_app, PublicBaseUrl, Dana, $"R {code} Thursday 9am it is"));

        Assert.Equal($"FollowUp: sent to Lee ({code}) by email from the business.", Assert.Single(answer));
        var emails = await Eventually.GetAsync(() => Task.FromResult(_sendGrid.Emails.ToList()), e => e.Count == 2, "the answer by email");
        Assert.Equal(("lee@example.com", "Re: your message to Bright Side Plumbing", replyTo), (emails[1].To, emails[1].Subject, emails[1].ReplyTo));
        Assert.StartsWith("Thursday 9am it is - Dana, Bright Side Plumbing", emails[1].Content["text/plain"]);
        var attempt = Assert.Single(_app.Storage.Inquiries.Query<AttemptEntity>(a => a.PartitionKey == id && a.RowKey.CompareTo(AttemptEntity.Prefix) >= 0 && a.RowKey.CompareTo("attempt}") < 0, cancellationToken: Ct));
        Assert.Equal(("email", "emailed"), (attempt.Channel, attempt.Outcome));
    }

    [Fact]
    public async Task Forged_oversized_and_malformed_posts_are_refused_and_store_nothing()
    {
        var id = await _app.SubmitAsync(new { name = "Lee Park", email = "lee@example.com" });
        var replyTo = ReplyAddress(id);
        var before = (await _app.TimelineAsync(id)).Count;

        var noKey = await PostAsync(null, Reply(replyTo, "hello"));
        var wrongKey = await PostAsync("inbound-parse-key-for-tests-0124", Reply(replyTo, "hello"));
        var oversized = await PostAsync(Key, Reply(replyTo, new string('x', 300 * 1024)));
        var notMultipart = await PostAsync(Key, new StringContent("from=lee@example.com", Encoding.UTF8, "application/x-www-form-urlencoded"));
        var notAReply = await PostAsync(Key, Reply("someone@elsewhere.example", "hello"));

        Assert.Equal(
            [HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.UnsupportedMediaType, HttpStatusCode.UnprocessableEntity],
            new[] { noKey, wrongKey, oversized, notMultipart, notAReply }.Select(r => r.StatusCode));
        Assert.All(new[] { noKey, oversized, notAReply }, r => Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType));
        Assert.Equal(before, (await _app.TimelineAsync(id)).Count);
        Assert.Null((await _app.InquiryAsync(id))!.ReplyPendingSince);
    }

    [Fact]
    public async Task A_chunked_post_is_counted_as_it_streams_and_refused_past_20_MB()
    {
        var id = await _app.SubmitAsync(new { name = "Lee Park", email = "lee@example.com" });
        var before = (await _app.TimelineAsync(id)).Count;
        var form = Reply(ReplyAddress(id), "hello");
        for (var i = 0; i < 100; i++)
        {
            form.Add(new StringContent(new string('x', 250 * 1024)), $"field{i}"); // each under the 256 KB field cap, 25 MB in all
        }

        var response = await PostAsync(Key, new ChunkedContent(form));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(before, (await _app.TimelineAsync(id)).Count);
    }

    [Theory]
    [InlineData("Sounds good!\n\nOn Tue, Nov 24, 2026 at 10:00 AM Dana <d@example.com> wrote:\n> Hi", "Sounds good!")]
    [InlineData("See you then\r\n\r\n-----Original Message-----\r\nFrom: Bright Side", "See you then")]
    [InlineData("Thanks\n________________________________\nFrom: Bright Side <hello@brightside.example>\nSent: Monday", "Thanks")]
    [InlineData("Yes please\nafter 5\n> quoted\n> more", "Yes please after 5")]
    [InlineData("Call me\n--\nLee Park\nSent from my phone", "Call me")]
    public void Quoted_history_and_signatures_are_cut_from_a_reply(string text, string expected) =>
        Assert.Equal(expected, SendGridInboundApi.Reply(text));

    /// <summary>An Inbound Parse post: its form fields, as SendGrid sends them, optionally with one attached file.</summary>
    private static MultipartFormDataContent Reply(string to, string text, bool attachment = false)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent("Lee Park <lee@example.com>"), "from" },
            { new StringContent(to), "to" },
            { new StringContent("Re: We got your message - Bright Side Plumbing"), "subject" },
            { new StringContent(text), "text" },
            { new StringContent($"{{\"to\":[\"{to}\"],\"from\":\"lee@example.com\"}}"), "envelope" },
            { new StringContent("Received: by mx.sendgrid.net\nContent-Type: multipart/mixed"), "headers" },
            { new StringContent(attachment ? "1" : "0"), "attachments" },
        };
        if (attachment)
        {
            var file = new ByteArrayContent(new byte[4096]);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(file, "attachment1", "boiler.jpg");
        }

        return form;
    }

    /// <summary>The prospect's reply address the app puts on their emails.</summary>
    private string ReplyAddress(string id, FollowUp.Core.Party party = FollowUp.Core.Party.Prospect) => _app.Get<FollowUp.Core.ReplyAddresses>().For(id, party)!;

    private async Task<HttpResponseMessage> PostAsync(string? key, HttpContent content) =>
        await _app.Client().PostAsync("/api/sendgrid/inbound" + (key is null ? "" : "?key=" + key), content, Ct);

    /// <summary>Sends another content without a length, so it goes chunked (as a streaming client would).</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly HttpContent inner;

        public ChunkedContent(HttpContent inner)
        {
            this.inner = inner;
            Headers.ContentType = inner.Headers.ContentType;
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => inner.CopyToAsync(stream);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
