using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace FollowUp.Core;

/// <summary>Reads an <c>application/x-www-form-urlencoded</c> body that must be valid UTF-8 throughout.</summary>
internal static class UrlEncodedForm
{
    /// <summary>
    /// The body's fields, or null when it is not valid UTF-8, raw or percent-encoded, or has a <c>%</c> not
    /// followed by two hex digits (either would otherwise turn into U+FFFD or stray text, and be stored or sent on).
    /// </summary>
    public static async Task<Dictionary<string, StringValues>?> ReadAsync(byte[] body)
    {
        if (!WellEncoded(body))
        {
            return null;
        }

        using var reader = new FormReader(new MemoryStream(body));
        var form = await reader.ReadFormAsync();
        return form.Any(field => field.Key.Contains('\uFFFD') || field.Value.Any(value => value?.Contains('\uFFFD') ?? false)) ? null : form;
    }

    /// <summary>Whether every escape is <c>%XX</c> and the bytes, escapes decoded, are valid UTF-8.</summary>
    private static bool WellEncoded(byte[] body)
    {
        var decoded = new byte[body.Length];
        var length = 0;
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] != '%')
            {
                decoded[length++] = body[i];
            }
            else if (i + 2 < body.Length && Uri.IsHexDigit((char)body[i + 1]) && Uri.IsHexDigit((char)body[i + 2]))
            {
                decoded[length++] = (byte)Convert.ToInt32(System.Text.Encoding.ASCII.GetString(body, i + 1, 2), 16);
                i += 2;
            }
            else
            {
                return false;
            }
        }

        return System.Text.Unicode.Utf8.IsValid(decoded.AsSpan(0, length));
    }
}
