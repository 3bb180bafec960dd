using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace FollowUp.Pages;

/// <summary>
/// The status page's HTML, written on the server so it works without JavaScript. Its stylesheet and script
/// (<c>wwwroot/status/</c>) are inlined and allowed by their hashes alone: the page loads nothing else, from
/// anywhere, and no other script or style can run on it.
/// </summary>
internal static class StatusPageHtml
{
    private static readonly string Css = File.ReadAllText(Path.Combine(PagesApi.WebRoot, "status", "status.css"));
    private static readonly string Script = File.ReadAllText(Path.Combine(PagesApi.WebRoot, "status", "status.js"));

    /// <summary>
    /// Nothing from elsewhere, no framing, forms only to this origin, no referrer sent on, and no indexing. A
    /// method rather than middleware, so the page gets them in both hosting modes.
    /// </summary>
    public static void SecureHeaders(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy =
            $"default-src 'none'; style-src '{Sha256(Css)}'; script-src '{Sha256(Script)}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Robots-Tag"] = "noindex, nofollow";
    }

    /// <summary>A page with a title and one paragraph (for a link that has ended or never was).</summary>
    public static string Plain(string business, string title, string text) =>
        Document(business, title, $"<main id=\"main\"><h2>{E(title)}</h2><p>{E(text)}</p></main>", phone: null);

    public static string Document(string business, string title, string main, string? phone)
    {
        var call = phone is null ? "" : $"<p><a href=\"tel:{E(phone)}\">Call us: {E(phone)}</a></p>";
        return $"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="robots" content="noindex, nofollow">
            <meta name="referrer" content="no-referrer">
            <title>{E(title)} - {E(business)}</title>
            <style>{Css}</style>
            </head>
            <body>
            <header><h1>{E(business)}</h1>{call}</header>
            {main}
            <script>{Script}</script>
            </body>
            </html>
            """;
    }

    /// <summary>HTML-encodes text for an element or an attribute.</summary>
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>The options of the better-time picker, one group per day, in the prospect's time zone.</summary>
    public static string SlotOptions(IEnumerable<DateTimeOffset> slots, TimeZoneInfo zone)
    {
        var english = CultureInfo.GetCultureInfo("en-US");
        var html = new StringBuilder();
        foreach (var day in slots.GroupBy(s => TimeZoneInfo.ConvertTime(s, zone).Date))
        {
            html.Append(CultureInfo.InvariantCulture, $"<optgroup label=\"{E(day.Key.ToString("dddd, MMMM d", english))}\">");
            foreach (var slot in day)
            {
                var local = TimeZoneInfo.ConvertTime(slot, zone);
                html.Append(CultureInfo.InvariantCulture, $"<option value=\"{CallbackSlots.Write(slot)}\">{E(local.ToString("ddd, MMM d, h:mm tt", english))}</option>");
            }

            html.Append("</optgroup>");
        }

        return html.ToString();
    }

    private static string Sha256(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
