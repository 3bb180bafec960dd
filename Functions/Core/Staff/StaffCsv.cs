using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace FollowUp.Core;

/// <summary>
/// Reads staff from a CSV file (<c>FollowUp:StaffCsv</c>) with a header row:
/// <c>id,name,mobile,email,timeZone,manager,apiKey,signInId,signInProvider,onDuty,sources</c> (any order and case; only id and
/// name are required; several sources separated by <c>|</c>). Rows are checked like <c>FollowUp:Staff</c>
/// and a problem stops startup, naming the file and line.
/// </summary>
internal static class StaffCsv
{
    public static List<StaffMemberOptions> Read(string path, IReadOnlyCollection<string> otherIds)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
            MissingFieldFound = null,
            HeaderValidated = null,
            TrimOptions = TrimOptions.Trim,
        };
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, configuration);
        var members = new List<(StaffMemberOptions Member, int Line)>();
        csv.Read();
        csv.ReadHeader();
        while (csv.Read())
        {
            string? Field(string name) => csv.TryGetField<string>(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
            members.Add((new StaffMemberOptions
            {
                Id = Field("id") ?? "",
                Name = Field("name") ?? "",
                Mobile = Field("mobile"),
                Email = Field("email"),
                TimeZone = Field("timezone"),
                Manager = Field("manager"),
                ApiKey = Field("apikey"),
                SignInId = Field("signinid"),
                SignInProvider = Field("signinprovider") ?? "aad",
                OnDuty = !bool.TryParse(Field("onduty"), out var onDuty) || onDuty,
                BookingUrl = Field("bookingurl"),
                Sources = Field("sources")?.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
            }, csv.Parser.RawRow));
        }

        var ids = members.Select(m => m.Member.Id).Concat(otherIds).ToHashSet(StringComparer.Ordinal);
        var problems = members.SelectMany(m => StaffOptions.Problems(m.Member, $"{path} line {m.Line}", ids)).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("FollowUp:StaffCsv has problems: " + string.Join(" ", problems));
        }

        return [.. members.Select(m => m.Member)];
    }
}
