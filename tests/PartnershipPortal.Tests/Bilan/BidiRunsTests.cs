using PartnershipPortal.Web.Features.Bilan.Pdf;

namespace PartnershipPortal.Tests.Bilan;

/// <summary>The runs HarfBuzz shapes one by one in the Arabic PDF: Arabic right to left, numbers whole and left to right.</summary>
public sealed class BidiRunsTests
{
    [Fact]
    public void Grouped_amount_in_Arabic_stays_one_left_to_right_number_placed_at_the_right()
    {
        var runs = BidiRuns.Visual("المجموع 6\u00A0990\u00A0500 درهم", rightToLeftParagraph: true);

        // Left to right on the page: the unit, then the number, then the first word (read first, from the right).
        Assert.Equal([(" درهم", true), ("6\u00A0990\u00A0500", false), ("المجموع ", true)], runs.Select(r => (r.Text, r.RightToLeft)));
    }

    [Fact]
    public void Dates_and_percents_are_not_split()
    {
        var runs = BidiRuns.Visual("من 15/05/2017 إلى 05/06/2017", rightToLeftParagraph: true);
        Assert.Contains(runs, r => r.Text == "15/05/2017" && !r.RightToLeft);
        Assert.Contains(runs, r => r.Text == "05/06/2017" && !r.RightToLeft);
        Assert.Equal("05/06/2017", runs[0].Text);

        Assert.Contains(BidiRuns.Visual("نسبة 59,1%", rightToLeftParagraph: true), r => r.Text == "59,1%" && !r.RightToLeft);
    }

    [Fact]
    public void Latin_text_is_one_run_and_a_line_takes_the_direction_of_its_first_letter()
    {
        var french = BidiRuns.Visual("1) Rencontre de concertation (Rabat)", rightToLeftParagraph: false);
        Assert.Equal([("1) Rencontre de concertation (Rabat)", false)], french.Select(r => (r.Text, r.RightToLeft)));

        Assert.False(BidiRuns.IsRightToLeft("1) Rencontre", fallback: true));
        Assert.True(BidiRuns.IsRightToLeft("2017 حصيلة", fallback: false));
        Assert.True(BidiRuns.IsRightToLeft("2017", fallback: true));
    }
}
