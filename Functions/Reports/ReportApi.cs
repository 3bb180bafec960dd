using System.Globalization;
using Microsoft.Extensions.Options;

namespace FollowUp.Reports;

internal static class ReportApi
{
    /// <summary>The longest period one report covers.</summary>
    public const int MaxDays = 366;

    public static async Task<IResult> Report(
        HttpContext http, StaffDirectory directory, SpeedToLead reports, TimeProvider time, IOptions<BusinessOptions> business, CancellationToken cancellationToken)
    {
        if (!await directory.IsManagerAsync(http.Caller().Id, cancellationToken))
        {
            return TypedResults.Problem("Only managers see the report.", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }

        var today = business.Value.LocalDay(time.GetUtcNow());
        var errors = new Dictionary<string, string[]>();
        var from = Date(http.Request.Query["from"], today.AddDays(-6), "from", errors);
        var to = Date(http.Request.Query["to"], today, "to", errors);
        if (errors.Count == 0 && to < from)
        {
            errors["to"] = ["Must be on or after from."];
        }
        else if (errors.Count == 0 && to.DayNumber - from.DayNumber >= MaxDays)
        {
            errors["to"] = [$"A report covers at most {MaxDays} days."];
        }

        if (errors.Count > 0)
        {
            return FieldProblems.Invalid(errors);
        }

        var report = await reports.ReportAsync(from, to, cancellationToken);
        var csv = http.Request.Query["format"] == "csv" || http.Request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase);
        if (csv)
        {
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"speed-to-lead-{from:yyyy-MM-dd}-{to:yyyy-MM-dd}.csv\"";
            return TypedResults.Text(SpeedToLead.Csv(report), "text/csv; charset=utf-8");
        }

        return TypedResults.Ok(report);
    }

    private static DateOnly Date(string? value, DateOnly fallback, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors[name] = ["Use a date such as 2026-11-30 (the business's own date)."];
        return fallback;
    }
}
