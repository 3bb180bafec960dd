namespace FollowUp.Reports;

/// <summary>
/// One CSV cell that a spreadsheet shows as text: quoted when it holds a separator, a quote or a line
/// break, and, when it starts with a character that makes a spreadsheet read a formula (<c>= + - @</c>,
/// tab or carriage return), prefixed with <c>'</c> as OWASP advises against CSV injection. Quoting alone
/// is not enough: Excel and LibreOffice still run <c>"=HYPERLINK(…)"</c>.
/// </summary>
internal static class CsvCell
{
    private const string FormulaStarts = "=+-@\t\r";

    public static string Of(string value)
    {
        var text = value.Length > 0 && FormulaStarts.Contains(value[0]) ? "'" + value : value;
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }
}
