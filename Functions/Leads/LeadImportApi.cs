using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace FollowUp.Leads;

/// <summary>
/// <c>POST /api/leads/import</c> (function <c>ImportLeads</c>): a staff member uploads a lead list as
/// multipart form data, the CSV in <c>file</c> and the event's name in <c>source</c>. A request that
/// cannot be imported at all gets a problem response (401, 413, 415, 422). Otherwise the rows are
/// imported as they are read and the response streams: a JSON document by default, or one JSON line per
/// row with <c>Accept: application/x-ndjson</c>, which is what the staff page reads to show progress.
/// </summary>
internal static class LeadImportApi
{
    public const string NdJson = "application/x-ndjson";

    private static readonly byte[] NewLine = [(byte)'\n'];

    public static async Task<IResult> ImportAsync(
        HttpContext http, LeadImporter importer, StaffDirectory directory, IOptions<LeadImportOptions> options, IOptions<JsonOptions> json, ILogger<LeadImporter> logger)
    {
        var request = http.Request;
        var ct = http.RequestAborted;
        if (!options.Value.AnyStaffMayImport && !await directory.IsManagerAsync(http.Caller().Id, ct))
        {
            return Problem(StatusCodes.Status403Forbidden, "Forbidden", $"Only managers import lead lists (set {LeadImportOptions.SectionName}:{nameof(LeadImportOptions.AnyStaffMayImport)}=true to let all staff).");
        }

        if (!request.HasFormContentType || request.ContentType?.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase) != true)
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported content type", "Send multipart/form-data with the CSV in 'file' and the event name in 'source'.");
        }

        var limit = options.Value.MaxFileBytes + 64 * 1024;
        if (request.ContentLength > limit)
        {
            return TooLarge(options.Value);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit, ValueCountLimit = 64 }, ct);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(options.Value);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException or IOException)
        {
            return Problem(StatusCodes.Status400BadRequest, "Malformed upload", "The multipart body could not be read.");
        }

        var errors = new Dictionary<string, string[]>();
        var source = form["source"].ToString().Trim();
        if (source.Length == 0)
        {
            errors["source"] = ["Name the event or list these leads came from, such as 'Home Show 2026'."];
        }
        else if (source.Length > Submission.MaxSource || source.Any(char.IsControl))
        {
            errors["source"] = [$"At most {Submission.MaxSource} characters on one line."];
        }

        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            errors["file"] = [file is null ? "Attach the CSV file as 'file'." : "The file is empty."];
        }
        else if (file.Length > options.Value.MaxFileBytes)
        {
            // The body limit leaves room for the multipart framing; the file itself gets the exact limit.
            return TooLarge(options.Value);
        }

        if (errors.Count > 0)
        {
            return Invalid(errors);
        }

        var (csv, error) = await LeadCsv.OpenAsync(file!.OpenReadStream(), ct);
        if (csv is null)
        {
            return Invalid(new() { ["file"] = [error!] });
        }

        return new ImportStream(csv, source, importer.ImportAsync(csv, source, ct), WantsLines(request), json.Value.SerializerOptions, http.Caller().Id, logger);
    }

    private static bool WantsLines(HttpRequest request) =>
        request.Headers.Accept.Any(value => value?.Contains(NdJson, StringComparison.OrdinalIgnoreCase) == true);

    private static IResult TooLarge(LeadImportOptions options) =>
        Problem(StatusCodes.Status413PayloadTooLarge, "File too large", $"Files up to {Size(options.MaxFileBytes)} are accepted; split the list.");

    /// <summary>A byte count as people read it: <c>2 KB</c>, <c>1.5 MB</c>, <c>20 MB</c>.</summary>
    internal static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.#} MB",
        >= 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes} bytes",
    };

    private static IResult Problem(int status, string title, string detail) => TypedResults.Problem(detail, statusCode: status, title: title);

    private static IResult Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The import cannot start",
            Detail = "See errors for what is wrong.",
        });

    /// <summary>Writes each row's result as soon as it is known, then the totals.</summary>
    private sealed class ImportStream(
        LeadCsv csv, string source, IAsyncEnumerable<LeadResult> results, bool lines, JsonSerializerOptions json, string staffId, ILogger logger) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            using var _ = csv;
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = lines ? NdJson + "; charset=utf-8" : "application/json; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

            var counts = LeadResult.Statuses.ToDictionary(s => s, _ => 0);
            var rows = 0;
            await using var writer = new Utf8JsonWriter(response.BodyWriter, new JsonWriterOptions { Encoder = json.Encoder });
            string[] fields = [.. csv.Recognized];
            if (lines)
            {
                await WriteLineAsync(writer, new { type = "header", source, fields, ignored = csv.Ignored });
            }
            else
            {
                writer.WriteStartObject();
                writer.WriteString("source", source);
                writer.WritePropertyName("fields");
                JsonSerializer.Serialize(writer, fields, json);
                writer.WritePropertyName("ignored");
                JsonSerializer.Serialize(writer, csv.Ignored, json);
                writer.WriteStartArray("rows");
            }

            await foreach (var result in results)
            {
                rows++;
                counts[result.Status]++;
                if (lines)
                {
                    await WriteLineAsync(writer, result);
                }
                else
                {
                    JsonSerializer.Serialize(writer, result, json);
                    if (rows % 100 == 0)
                    {
                        await writer.FlushAsync(httpContext.RequestAborted);
                    }
                }
            }

            var summary = new ImportSummary(rows, counts["created"], counts["existing"], counts["already-imported"], counts["duplicate"], counts["invalid"], counts["failed"], counts["skipped"]);
            LeadImportLog.Imported(logger, source, staffId, rows, summary.Created, summary.Invalid, summary.Failed);
            if (lines)
            {
                await WriteLineAsync(writer, new { type = "summary", summary });
            }
            else
            {
                writer.WriteEndArray();
                writer.WritePropertyName("summary");
                JsonSerializer.Serialize(writer, summary, json);
                writer.WriteEndObject();
                await writer.FlushAsync(httpContext.RequestAborted);
            }

            async Task WriteLineAsync<T>(Utf8JsonWriter w, T value)
            {
                JsonSerializer.Serialize(w, value, json);
                await w.FlushAsync(httpContext.RequestAborted);
                w.Reset();
                await response.BodyWriter.WriteAsync(NewLine, httpContext.RequestAborted);
            }
        }
    }
}
