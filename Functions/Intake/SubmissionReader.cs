using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace FollowUp.Intake;

/// <summary>
/// Reads a submission body, JSON or <c>application/x-www-form-urlencoded</c>, into one flat map of
/// field names (as a plain HTML form would post them), so both formats share one validator.
/// JSON may nest the referral shape: <c>{"referrer": {"name": …}, "prospect": {…}}</c> becomes
/// <c>referrerName</c> and the prospect's own field names.
/// </summary>
internal static class SubmissionReader
{
    private const int MaxJsonDepth = 4;

    public static async Task<SubmissionBody> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var isJson = request.HasJsonContentType();
        var isForm = MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            && type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
        if (!isJson && !isForm)
        {
            return SubmissionBody.Fail(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type",
                "Send application/json or application/x-www-form-urlencoded (a plain HTML form).");
        }

        var body = await BoundedBody.ReadAsync(request, maxBytes, cancellationToken);
        if (body is null)
        {
            return TooLarge(maxBytes);
        }

        return isJson ? ParseJson(body) : await ParseFormAsync(body);
    }

    private static SubmissionBody TooLarge(int maxBytes) =>
        SubmissionBody.Fail(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"The body may be at most {maxBytes} bytes.");

    private static async Task<SubmissionBody> ParseFormAsync(byte[] body)
    {
        if (await UrlEncodedForm.ReadAsync(body) is not { } form)
        {
            return SubmissionBody.Fail(StatusCodes.Status400BadRequest, "Malformed form", "The form is not valid UTF-8.");
        }

        var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in form)
        {
            if (values.Count > 1)
            {
                // Which one was meant is a guess; JSON gets the same answer for a list.
                errors[name] = ["Must be a single value, not repeated."];
            }

            fields[name] = values.Count > 0 ? values[0] : null;
        }

        return errors.Count > 0 ? SubmissionBody.Invalid(errors) : SubmissionBody.Ok(fields, isForm: true);
    }

    private static SubmissionBody ParseJson(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxJsonDepth });
        }
        catch (JsonException)
        {
            return SubmissionBody.Fail(StatusCodes.Status400BadRequest, "Malformed JSON", "The body is not valid UTF-8 JSON, or it nests too deeply.");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return SubmissionBody.Fail(StatusCodes.Status400BadRequest, "Malformed JSON", "The body must be a JSON object.");
            }

            var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
            SentNames names;
            try
            {
                Flatten(document.RootElement, prefix: "", fields, errors, nested: false);
                names = new SentNames(
                    NestedProspect: HasObject(document.RootElement, "prospect"), NestedReferrer: HasObject(document.RootElement, "referrer"));
            }
            catch (InvalidOperationException)
            {
                // JsonDocument checks a string's UTF-8 only when it is read.
                return SubmissionBody.Fail(StatusCodes.Status400BadRequest, "Malformed JSON", "The body is not valid UTF-8 JSON, or it nests too deeply.");
            }

            return errors.Count > 0 ? SubmissionBody.Invalid(errors, names) : SubmissionBody.Ok(fields, isForm: false, names);
        }
    }

    private static bool HasObject(JsonElement root, string name) =>
        root.EnumerateObject().Any(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.Object);

    private static void Flatten(JsonElement element, string prefix, Dictionary<string, string?> fields, Dictionary<string, string[]> errors, bool nested)
    {
        foreach (var property in element.EnumerateObject())
        {
            var name = prefix.Length == 0 ? property.Name : prefix + char.ToUpperInvariant(property.Name[0]) + property.Name[1..];
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Object when !nested && property.Name.Equals("prospect", StringComparison.OrdinalIgnoreCase):
                    Flatten(property.Value, prefix: "", fields, errors, nested: true);
                    break;
                case JsonValueKind.Object when !nested && property.Name.Equals("referrer", StringComparison.OrdinalIgnoreCase):
                    Flatten(property.Value, prefix: "referrer", fields, errors, nested: true);
                    break;
                case JsonValueKind.Object or JsonValueKind.Array:
                    errors[name] = ["Must be a single value, not an object or a list."];
                    break;
                case JsonValueKind.String:
                    fields[name] = property.Value.GetString();
                    break;
                case JsonValueKind.Null:
                    fields[name] = null;
                    break;
                case JsonValueKind.True or JsonValueKind.False when name.EndsWith(Fields.ConsentToSms, StringComparison.OrdinalIgnoreCase):
                    fields[name] = property.Value.GetRawText();
                    break;
                default:
                    // A number loses a phone's leading + or 0, and a name of true is a client's bug: both are refused.
                    errors[name] = ["Must be text, in quotes."];
                    break;
            }
        }
    }
}
