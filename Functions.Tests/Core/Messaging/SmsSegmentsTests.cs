namespace FollowUp.Tests.Core.Messaging;

/// <summary>What a text costs: GSM-7 texts take 160 characters in one segment and 153 per segment split, UCS-2 texts 70 and 67.</summary>
[Trait("Category", "Unit")]
public sealed class SmsSegmentsTests
{
    [Theory]
    [InlineData(160, "", 1, "GSM-7")]
    [InlineData(161, "", 2, "GSM-7")]
    [InlineData(306, "", 2, "GSM-7")]
    [InlineData(307, "", 3, "GSM-7")]
    [InlineData(459, "", 3, "GSM-7")]
    [InlineData(460, "", 4, "GSM-7")]
    [InlineData(159, "€", 2, "GSM-7")] // an extension character counts twice: 161 units
    [InlineData(158, "€", 1, "GSM-7")] // 160 units
    [InlineData(69, "é", 1, "GSM-7")]
    [InlineData(69, "😊", 2, "UCS-2")] // 71 UTF-16 units
    [InlineData(68, "ł", 1, "UCS-2")]
    public void Segments_follow_the_gsm7_and_ucs2_limits(int plain, string extra, int segments, string encoding) =>
        Assert.Equal((segments, encoding), SmsSegments.Count(new string('a', plain) + extra));

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    [InlineData(201, 3)]
    [InlineData(202, 4)]
    public void A_ucs2_text_takes_70_characters_alone_and_67_per_segment_when_split(int length, int segments) =>
        Assert.Equal((segments, "UCS-2"), SmsSegments.Count(new string('ж', length)));

    [Theory]
    [InlineData('€')]
    [InlineData('{')]
    [InlineData('}')]
    [InlineData('[')]
    [InlineData(']')]
    [InlineData('~')]
    [InlineData('\\')]
    [InlineData('|')]
    [InlineData('^')]
    public void Each_extension_character_counts_twice(char extension)
    {
        Assert.Equal((1, "GSM-7"), SmsSegments.Count(new string(extension, 80)));
        Assert.Equal((2, "GSM-7"), SmsSegments.Count(new string(extension, 81)));
    }

    [Fact]
    public void One_character_outside_gsm7_makes_the_whole_text_ucs2() =>
        // 159 plain letters and one Cyrillic letter: 160 UCS-2 characters, three segments of 67.
        Assert.Equal((3, "UCS-2"), SmsSegments.Count(new string('a', 159) + "ж"));

    [Theory]
    [InlineData("Ça coûte 5 € ?")] // û is not in GSM-7
    [InlineData("Thanks 🙂")]
    [InlineData("a\tb")] // a tab is not in GSM-7 either
    public void Texts_with_characters_outside_gsm7_are_ucs2(string text) =>
        Assert.Equal("UCS-2", SmsSegments.Count(text).Encoding);

    [Theory]
    [InlineData("Hi Søren, £5 off @ Ñandù? ¡Sì! Äö ü § ¿ ÉÆß")]
    [InlineData("Line one\nLine two\r\n")]
    [InlineData("")]
    public void Accented_letters_symbols_and_line_breaks_of_gsm7_stay_gsm7(string text) =>
        Assert.Equal((1, "GSM-7"), SmsSegments.Count(text));
}
