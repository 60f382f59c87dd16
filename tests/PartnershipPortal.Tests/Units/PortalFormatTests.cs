using PartnershipPortal.Web.Infrastructure.Formatting;

namespace PartnershipPortal.Tests.Units;

public sealed class PortalFormatTests
{
    [Theory]
    [InlineData(6_990_500_00L, "6 990 500 DH")]
    [InlineData(480_000_00L, "480 000 DH")]
    [InlineData(500_00L, "500 DH")]
    [InlineData(0L, "0 DH")]
    [InlineData(1_250_50L, "1 250,50 DH")]
    public void Dirhams_are_printed_as_the_ministry_prints_them(long centimes, string expected)
    {
        var text = PortalFormat.Dirhams(centimes);

        Assert.Equal(expected, text.Replace(PortalFormat.GroupSeparator, ' '));
        Assert.DoesNotContain('.', text);
    }

    [Theory]
    [InlineData("fr", "6 990 500 DH")]
    [InlineData("ar", "6 990 500 درهم")]
    [InlineData("en", "6,990,500 MAD")]
    public void Each_language_prints_amounts_its_own_way_with_Western_digits(string language, string expected)
    {
        Assert.Equal(expected, PortalFormat.Dirhams(6_990_500_00, language).Replace(PortalFormat.GroupSeparator, ' '));
    }

    [Fact]
    public void Grouping_uses_no_break_spaces_so_an_amount_never_wraps()
    {
        Assert.Equal("1\u00A0899\u00A0500\u00A0DH", PortalFormat.Dirhams(1_899_500_00));
    }

    [Fact]
    public void English_amounts_group_with_commas_and_put_an_ordinary_space_before_the_unit()
    {
        Assert.Equal("6,990,500 MAD", PortalFormat.Dirhams(6_990_500_00, "en"));
    }

    [Fact]
    public void Dates_are_day_month_year()
    {
        Assert.Equal("10/05/2017", PortalFormat.Date(new DateOnly(2017, 5, 10)));
        Assert.Equal("", PortalFormat.Date((DateOnly?)null));
        Assert.Equal("31/12/2018", PortalFormat.Date(new DateTime(2018, 12, 31, 23, 59, 0, DateTimeKind.Utc)));
        Assert.Equal("", PortalFormat.Date((DateTime?)null));
    }

    [Fact]
    public void Counts_and_percentages()
    {
        Assert.Equal("1\u00A0000\u00A0000", PortalFormat.Count(1_000_000));
        Assert.Equal("59,1\u00A0%", PortalFormat.Percent(65m / 110m));
    }
}
