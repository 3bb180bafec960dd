using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace FollowUp.Leads;

/// <summary>
/// Reads a lead list: a CSV with a header row whose column names vary by badge scanner and
/// spreadsheet ("Full Name", "First name" + "Last name", "E-mail", "Mobile", "Notes", ...). Each
/// column is matched to a field of the intake contract by its name with case, spaces and
/// punctuation ignored; columns it does not know are reported and skipped. The delimiter
/// (comma, semicolon or tab) is detected.
/// </summary>
internal sealed class LeadCsv : IDisposable
{
    private const string FirstName = "firstName";
    private const string LastName = "lastName";
    private const string Company = "company";

    private static readonly Dictionary<string, string> Aliases = BuildAliases(new()
    {
        [Fields.Name] = ["name", "full name", "contact", "contact name", "lead name", "customer", "customer name", "attendee"],
        [FirstName] = ["first name", "first", "given name", "fname", "forename"],
        [LastName] = ["last name", "last", "surname", "family name", "lname"],
        [Fields.Email] = ["email", "e-mail", "email address", "e-mail address", "mail", "work email"],
        [Fields.Phone] = ["phone", "phone number", "mobile", "mobile phone", "mobile number", "cell", "cell phone", "tel", "telephone", "work phone"],
        [Fields.Message] = ["message", "notes", "note", "comments", "comment", "interest", "interested in"],
        [Company] = ["company", "company name", "organization", "organisation", "business"],
        [Fields.ConsentToSms] = ["consent to sms", "sms consent", "sms opt in", "sms ok", "text ok", "ok to text", "texts ok", "consent", "opt in"],
        [Fields.PreferredChannel] = ["preferred channel", "channel"],
        [Fields.TimeZone] = ["time zone", "timezone", "tz"],
    });

    private readonly StreamReader reader;
    private readonly CsvReader csv;
    private readonly Dictionary<string, int> columns;

    private LeadCsv(StreamReader reader, CsvReader csv, Dictionary<string, int> columns, string[] ignored)
    {
        this.reader = reader;
        this.csv = csv;
        this.columns = columns;
        Ignored = ignored;
    }

    /// <summary>Headers that matched no field, in file order.</summary>
    public string[] Ignored { get; }

    /// <summary>The field each recognised column was read into, for the response.</summary>
    public IEnumerable<string> Recognized => columns.Keys;

    /// <summary>Opens the CSV and reads its header; the error says what is missing when it cannot be used.</summary>
    public static async Task<(LeadCsv? Csv, string? Error)> OpenAsync(Stream stream, CancellationToken cancellationToken)
    {
        var reader = new StreamReader(stream, detectEncodingFromByteOrderMarks: true);
        var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            TrimOptions = TrimOptions.Trim,
            MissingFieldFound = null,
            BadDataFound = null,
            IgnoreBlankLines = true,
        });
        try
        {
            if (!await csv.ReadAsync() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } header)
            {
                return Fail("The file is empty: the first line must name the columns, such as name,email,phone.");
            }

            cancellationToken.ThrowIfCancellationRequested();
            var columns = new Dictionary<string, int>();
            var ignored = new List<string>();
            for (var i = 0; i < header.Length; i++)
            {
                if (Aliases.TryGetValue(Normalize(header[i]), out var field) && columns.TryAdd(field, i))
                {
                    continue;
                }

                ignored.Add(header[i]);
            }

            var found = string.Join(", ", header.Select(h => $"'{h}'"));
            if (!columns.ContainsKey(Fields.Name) && !columns.ContainsKey(FirstName))
            {
                return Fail($"No name column. Name one column 'name' (or 'first name' and 'last name'). Columns found: {found}.");
            }

            if (!columns.ContainsKey(Fields.Email) && !columns.ContainsKey(Fields.Phone))
            {
                return Fail($"No email or phone column. Name one 'email' or 'phone'. Columns found: {found}.");
            }

            return (new LeadCsv(reader, csv, columns, [.. ignored]), null);
        }
        catch (CsvHelperException ex)
        {
            return Fail($"The file is not a readable CSV: {ex.GetType().Name}.");
        }

        (LeadCsv?, string?) Fail(string error)
        {
            csv.Dispose();
            reader.Dispose();
            return (null, error);
        }
    }

    /// <summary>The data rows, each as intake fields keyed by the contract's names, with its line number.</summary>
    public async IAsyncEnumerable<LeadRow> RowsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await csv.ReadAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var (field, index) in columns)
            {
                fields[field] = csv.TryGetField<string>(index, out var value) ? value : null;
            }

            if (fields.Values.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            yield return new LeadRow(csv.Parser.Row, Combine(fields));
        }
    }

    public void Dispose()
    {
        csv.Dispose();
        reader.Dispose();
    }

    /// <summary>"first" + "last" become the name; the company is kept in the message.</summary>
    private static Dictionary<string, string?> Combine(Dictionary<string, string?> fields)
    {
        if (string.IsNullOrWhiteSpace(fields.GetValueOrDefault(Fields.Name)))
        {
            var parts = new[] { fields.GetValueOrDefault(FirstName), fields.GetValueOrDefault(LastName) }.Where(p => !string.IsNullOrWhiteSpace(p));
            fields[Fields.Name] = string.Join(' ', parts.Select(p => p!.Trim()));
        }

        if (fields.GetValueOrDefault(Company) is { Length: > 0 } company)
        {
            var message = fields.GetValueOrDefault(Fields.Message);
            fields[Fields.Message] = string.IsNullOrWhiteSpace(message) ? $"Company: {company}" : $"{message}\nCompany: {company}";
        }

        fields.Remove(FirstName);
        fields.Remove(LastName);
        fields.Remove(Company);
        return fields;
    }

    private static string Normalize(string header) =>
        new([.. header.ToLowerInvariant().Where(char.IsLetterOrDigit)]);

    private static Dictionary<string, string> BuildAliases(Dictionary<string, string[]> byField) =>
        byField.SelectMany(kv => kv.Value.Select(alias => (Key: Normalize(alias), Field: kv.Key)))
            .DistinctBy(x => x.Key).ToDictionary(x => x.Key, x => x.Field);
}
