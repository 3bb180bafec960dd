using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace FollowUp.Webhooks;

/// <summary>
/// SendGrid Inbound Parse (function <c>SendGridInbound</c>): an email to a party's reply address
/// (<c>r-{token}@{InboundDomain}</c>, <see cref="ReplyAddresses"/>), posted as multipart form data (<c>from</c>,
/// <c>to</c>, <c>subject</c>, <c>text</c>, <c>html</c>, <c>envelope</c>, <c>SPF</c>, <c>dkim</c>, <c>headers</c>,
/// <c>attachments</c>, attachment files). Inbound Parse does not sign its posts, so the URL carries <c>?key=</c>,
/// compared in constant time with <c>SendGrid:InboundParseKey</c>; a wrong or missing key gets 403. The reply,
/// quoted history cut off and attachments only counted, is recorded as that party's when its <c>From</c> is the
/// party's own address and SendGrid's SPF/DKIM results do not say otherwise, else as from an unknown sender.
/// </summary>
internal static partial class SendGridInboundApi
{
    /// <summary>The most a post may hold, attachments included (they are read and thrown away), counted as it streams in.</summary>
    public const int MaxBodyBytes = 20 * 1024 * 1024;

    /// <summary>The most any one text field may hold.</summary>
    private const int MaxFieldBytes = 256 * 1024;

    public static async Task<Results<Ok, ProblemHttpResult>> SendGridInbound(
        HttpRequest request, IOptions<SendGridOptions> options, ReplyAddresses addresses, IInboundReplies replies, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var logger = logs.CreateLogger(typeof(SendGridInboundApi));
        if (!HasKey(request.Query["key"].ToString(), options.Value.InboundParseKey))
        {
            WebhooksLog.Forged(logger, request.Path);
            return TypedResults.Problem("The URL does not carry the configured Inbound Parse key.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            return TypedResults.Problem("Send multipart/form-data, as Inbound Parse does.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type");
        }

        Dictionary<string, string> fields;
        int files;
        try
        {
            (fields, files) = await ReadAsync(new CappedStream(request.Body, MaxBodyBytes), boundary, cancellationToken);
        }
        catch (InvalidDataException)
        {
            return TooLarge();
        }
        catch (IOException)
        {
            return TypedResults.Problem("The multipart body could not be read.", statusCode: StatusCodes.Status400BadRequest, title: "Malformed form");
        }

        if (!fields.TryGetValue("from", out var from) || string.IsNullOrWhiteSpace(from) || Addressed(fields, addresses) is not var (inquiryId, party))
        {
            return TypedResults.Problem(
                "The post needs a from and a to (or envelope) naming a reply address r-<token>@" + options.Value.InboundDomain + ".",
                statusCode: StatusCodes.Status422UnprocessableEntity, title: "Not a reply to an inquiry");
        }

        var text = Reply(fields.GetValueOrDefault("text") is { Length: > 0 } plain ? plain : Untagged(fields.GetValueOrDefault("html") ?? ""));
        var attachments = int.TryParse(fields.GetValueOrDefault("attachments"), out var count) ? Math.Max(count, files) : files;
        if (attachments > 0)
        {
            text += $" ({attachments} attachment(s), not kept)";
        }

        var sender = EmailSender.AddressIn(from);
        var vouched = sender is not null && EmailSender.Vouched(sender, fields.GetValueOrDefault("SPF"), fields.GetValueOrDefault("dkim"), fields.GetValueOrDefault("envelope"));
        if (!await replies.RecordAsync(inquiryId, new InboundReply(Channels.Email, sender ?? from.Trim(), party, text.Trim(), vouched), cancellationToken))
        {
            WebhooksLog.ReplyToUnknownInquiry(logger, inquiryId);
        }

        // 200 either way once the key is right: SendGrid would retry anything else for days.
        return TypedResults.Ok();
    }

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem($"The post may be at most {MaxBodyBytes / 1024 / 1024} MB, and each text field {MaxFieldBytes / 1024} KB.",
            statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large");

    private static bool HasKey(string given, string? configured) =>
        configured is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(configured)));

    /// <summary>The text fields (each capped) and how many files came; files are read and dropped.</summary>
    private static async Task<(Dictionary<string, string> Fields, int Files)> ReadAsync(Stream body, string boundary, CancellationToken cancellationToken)
    {
        var reader = new MultipartReader(boundary, body) { BodyLengthLimit = MaxBodyBytes };
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var files = 0;
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                continue;
            }

            if (disposition.IsFileDisposition())
            {
                files++;
                await section.Body.CopyToAsync(Stream.Null, cancellationToken);
                continue;
            }

            using var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while ((read = await section.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxFieldBytes)
                {
                    throw new InvalidDataException("A field is too large.");
                }

                buffer.Write(chunk, 0, read);
            }

            fields[HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? ""] = Encoding.UTF8.GetString(buffer.ToArray());
        }

        return (fields, files);
    }

    /// <summary>The inquiry and party of the first reply address among the envelope's recipients, else in the To header.</summary>
    private static (string InquiryId, Party Party)? Addressed(Dictionary<string, string> fields, ReplyAddresses addresses)
    {
        var candidates = new List<string>();
        try
        {
            if (fields.TryGetValue("envelope", out var envelope) && JsonDocument.Parse(envelope).RootElement is { ValueKind: JsonValueKind.Object } root
                && root.TryGetProperty("to", out var to) && to.ValueKind == JsonValueKind.Array)
            {
                candidates.AddRange(to.EnumerateArray().Select(a => a.ValueKind == JsonValueKind.String ? a.GetString() ?? "" : ""));
            }
        }
        catch (JsonException)
        {
        }

        candidates.AddRange(ReplyAddress().Matches(fields.GetValueOrDefault("to") ?? "").Select(m => m.Value));
        return candidates.Select(a => addresses.Read(a.Trim())).FirstOrDefault(found => found is not null);
    }

    /// <summary>
    /// The new part of a reply: everything before the quoted history that mail programs add ("On … wrote:",
    /// "-----Original Message-----", Outlook's rule and From: block, or the first "&gt;" line), trimmed.
    /// </summary>
    public static string Reply(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var kept = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            var next = i + 1 < lines.Length ? lines[i + 1].Trim() : "";
            if (line.TrimStart().StartsWith('>')
                || QuoteHeader().IsMatch(line)
                || (line.StartsWith("On ", StringComparison.Ordinal) && next.EndsWith("wrote:", StringComparison.Ordinal))
                || line.StartsWith("-----Original Message-----", StringComparison.OrdinalIgnoreCase)
                || line.StartsWith("________________________________", StringComparison.Ordinal)
                || (line.StartsWith("From: ", StringComparison.Ordinal) && lines.Skip(i + 1).Take(3).Any(l => l.StartsWith("Sent: ", StringComparison.Ordinal) || l.StartsWith("Date: ", StringComparison.Ordinal)))
                || line == "--")
            {
                break;
            }

            kept.Add(line);
        }

        return string.Join(" ", kept.Where(l => l.Length > 0)).Trim();
    }

    private static string Untagged(string html) => System.Net.WebUtility.HtmlDecode(Tag().Replace(BlockEnd().Replace(html, "\n"), ""));

    [GeneratedRegex(@"r-[0-9a-z]+@[^\s>,;]+", RegexOptions.IgnoreCase)]
    private static partial Regex ReplyAddress();

    [GeneratedRegex(@"^On .+ wrote:$")]
    private static partial Regex QuoteHeader();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"<(br|/p|/div|/blockquote)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnd();
}
