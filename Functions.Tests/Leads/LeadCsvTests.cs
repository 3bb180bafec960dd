using System.Text;
using FollowUp.Leads;

namespace FollowUp.Tests.Leads;

/// <summary>A lead list's columns are matched by name whatever the scanner called them; its rows become intake fields.</summary>
[Trait("Category", "Unit")]
public sealed class LeadCsvTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<LeadCsv> OpenAsync(string text, bool bom = false)
    {
        var bytes = (bom ? Encoding.UTF8.GetPreamble() : []).Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        var (csv, error) = await LeadCsv.OpenAsync(new MemoryStream(bytes), Ct);
        Assert.Null(error);
        return csv!;
    }

    private static async Task<List<LeadRow>> RowsAsync(string text, bool bom = false)
    {
        using var csv = await OpenAsync(text, bom);
        var rows = new List<LeadRow>();
        await foreach (var row in csv.RowsAsync(Ct))
        {
            rows.Add(row);
        }

        return rows;
    }

    private static async Task<string?> ErrorAsync(string text) => (await LeadCsv.OpenAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), Ct)).Error;

    [Fact]
    public async Task Columns_are_matched_by_name_ignoring_case_spaces_and_punctuation_and_unknown_ones_are_reported()
    {
        using var csv = await OpenAsync("Full Name,E-MAIL,Mobile Phone,Notes,Badge ID,Time_Zone\nLee Park,lee@example.com,212 555 0100,Quote,B-17,America/Chicago\n");

        Assert.Equal(["email", "message", "name", "phone", "timeZone"], csv.Recognized.Order(StringComparer.Ordinal));
        Assert.Equal(["Badge ID"], csv.Ignored);
    }

    [Fact]
    public async Task A_row_becomes_the_intake_fields_of_its_columns_with_its_line_number()
    {
        var row = Assert.Single(await RowsAsync("name,email,phone,ok to text,channel\nLee Park,lee@example.com,2125550100,yes,sms\n"));

        Assert.Equal(2, row.Line);
        Assert.Equal(("Lee Park", "lee@example.com", "2125550100", "yes", "sms"),
            (row.Fields["name"], row.Fields["email"], row.Fields["phone"], row.Fields["consentToSms"], row.Fields["preferredChannel"]));
    }

    [Fact]
    public async Task First_and_last_name_columns_make_the_name_and_a_company_joins_the_message()
    {
        var rows = await RowsAsync("First name;Surname;Email;Company;Comments\nLee;Park;lee@example.com;Acme Pipes;Wants a quote\nBo;;bo@example.com;Acme Pipes;\n");

        Assert.Equal(("Lee Park", "Wants a quote\nCompany: Acme Pipes"), (rows[0].Fields["name"], rows[0].Fields["message"]));
        Assert.Equal(("Bo", "Company: Acme Pipes"), (rows[1].Fields["name"], rows[1].Fields["message"]));
        Assert.DoesNotContain("firstName", rows[0].Fields.Keys);
        Assert.DoesNotContain("company", rows[0].Fields.Keys);
    }

    [Fact]
    public async Task Quoted_fields_keep_their_commas_quotes_and_line_breaks()
    {
        var rows = await RowsAsync("name,email,notes\n\"Park, Lee\",lee@example.com,\"Needs \"\"two\"\" taps\nby Friday\"\nBo Chen,bo@example.com,\n");

        Assert.Equal(("Park, Lee", "Needs \"two\" taps\nby Friday"), (rows[0].Fields["name"], rows[0].Fields["message"]));
        Assert.Equal(("Bo Chen", 3), (rows[1].Fields["name"], rows[1].Line)); // the row a spreadsheet shows: a line break in a cell starts no row
    }

    [Theory]
    [InlineData("name\temail\nLee Park\tlee@example.com\n")]
    [InlineData("name;email\nLee Park;lee@example.com\n")]
    [InlineData("name,email\r\nLee Park,lee@example.com\r\n")]
    public async Task The_delimiter_and_line_ends_are_detected(string text)
    {
        var row = Assert.Single(await RowsAsync(text));

        Assert.Equal(("Lee Park", "lee@example.com"), (row.Fields["name"], row.Fields["email"]));
    }

    [Fact]
    public async Task A_byte_order_mark_is_not_part_of_the_first_column_name()
    {
        var row = Assert.Single(await RowsAsync("name,email\nLee Park,lee@example.com\n", bom: true));

        Assert.Equal("Lee Park", row.Fields["name"]);
    }

    [Fact]
    public async Task Blank_lines_and_rows_of_empty_cells_are_skipped_and_short_rows_read_as_missing_fields()
    {
        var rows = await RowsAsync("name,email,phone\n\nLee Park,lee@example.com\n,,\n  Bo Chen  ,bo@example.com,+12125550100\n");

        Assert.Equal([3, 5], rows.Select(r => r.Line));
        Assert.Null(rows[0].Fields["phone"]);
        Assert.Equal("Bo Chen", rows[1].Fields["name"]); // cells are trimmed
    }

    [Fact]
    public async Task Of_two_columns_for_one_field_the_first_is_read_and_the_second_reported()
    {
        using var csv = await OpenAsync("email,name,work email\nlee@example.com,Lee Park,lee@work.example\n");

        Assert.Equal(["work email"], csv.Ignored);
    }

    [Theory]
    [InlineData("", "The file is empty: the first line must name the columns, such as name,email,phone.")]
    [InlineData("email,phone\nlee@example.com,\n", "No name column. Name one column 'name' (or 'first name' and 'last name'). Columns found: 'email', 'phone'.")]
    [InlineData("last name,email\nPark,lee@example.com\n", "No name column. Name one column 'name' (or 'first name' and 'last name'). Columns found: 'last name', 'email'.")]
    [InlineData("name,notes\nLee Park,hi\n", "No email or phone column. Name one 'email' or 'phone'. Columns found: 'name', 'notes'.")]
    public async Task A_file_that_cannot_be_imported_says_what_is_missing(string text, string error) =>
        Assert.Equal(error, await ErrorAsync(text));
}
