using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace FollowUp.Hosting;

/// <summary>
/// The Functions host's custom-handler request: <c>{"Data": {binding: value}, "Metadata": {...}}</c>.
/// The host serializes many values twice, so a string may hold JSON of a string
/// (<c>"\"abc\""</c>) or of a number (<c>"1"</c>); the readers here accept each form.
/// </summary>
internal sealed record HostInvocationRequest(
    [property: JsonPropertyName("Data")] Dictionary<string, JsonElement>? Data,
    [property: JsonPropertyName("Metadata")] Dictionary<string, JsonElement>? Metadata)
{
    /// <summary>The queue message text from the trigger binding named <paramref name="binding"/>.</summary>
    public string? QueueMessage(string binding)
    {
        if (Data is null || !Data.TryGetValue(binding, out var value))
        {
            return null;
        }

        var text = value.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? value.GetRawText() : Unwrap(value);
        return text is null ? null : DecodeIfBase64(text);
    }

    public long DequeueCount =>
        Metadata is not null && Metadata.TryGetValue("DequeueCount", out var value) && long.TryParse(Unwrap(value), out var count) ? count : 1;

    public string? MessageId => Metadata is not null && Metadata.TryGetValue("Id", out var value) ? Unwrap(value) : null;

    /// <summary>A scalar as text, with any extra layer of JSON string encoding removed.</summary>
    internal static string? Unwrap(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var text = value.GetString();
                for (var layer = 0; layer < 2 && text is { Length: >= 2 } && text[0] == '"' && text[^1] == '"'; layer++)
                {
                    try
                    {
                        text = JsonSerializer.Deserialize<string>(text);
                    }
                    catch (JsonException)
                    {
                        break;
                    }
                }

                return text;
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return null;
            default:
                return value.GetRawText();
        }
    }

    // With messageEncoding "none" the host passes the stored text as is; intake stores base64.
    private static string DecodeIfBase64(string text)
    {
        if (text.StartsWith('{'))
        {
            return text;
        }

        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) ? Encoding.UTF8.GetString(buffer, 0, written) : text;
    }
}

/// <summary>The custom-handler response: <c>{"Outputs": {}, "Logs": [], "ReturnValue": null}</c>.</summary>
internal sealed record HostInvocationResponse(
    [property: JsonPropertyName("Outputs")] Dictionary<string, object?> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] object? ReturnValue)
{
    public static HostInvocationResponse Done(params string[] logs) => new([], logs, null);
}
