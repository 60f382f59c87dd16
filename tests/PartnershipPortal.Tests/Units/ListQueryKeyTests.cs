using PartnershipPortal.Web.Features.Shared.Lists;

namespace PartnershipPortal.Tests.Units;

/// <summary>The key under which a list's count and pages are kept: one text per set of filters, whatever is typed in them.</summary>
public sealed class ListQueryKeyTests
{
    [Fact]
    public void Text_typed_with_separators_in_it_never_reads_as_another_filter()
    {
        var shifted = new TwoTexts { Alpha = "x&Beta=y", Beta = "" };
        var other = new TwoTexts { Alpha = "x", Beta = "y&Beta=" };

        Assert.NotEqual(shifted.FilterKey(), other.FilterKey());
    }

    [Fact]
    public void The_page_and_the_sort_are_not_part_of_the_filters_key_and_every_filter_is()
    {
        var first = new TwoTexts { Alpha = "Oujda", Page = 1, Sort = "title" };
        var later = new TwoTexts { Alpha = "Oujda", Page = 7, Sort = "year", Desc = true, PageSize = 100 };
        var narrower = new TwoTexts { Alpha = "Oujda", Beta = "Nador" };

        Assert.Equal(first.FilterKey(), later.FilterKey());
        Assert.NotEqual(first.FilterKey(), narrower.FilterKey());
        Assert.NotEqual(first.FilterKey(), new TwoTexts { Q = "Oujda" }.FilterKey());
    }

    private sealed class TwoTexts : ListQuery
    {
        public string? Alpha { get; set; }

        public string? Beta { get; set; }
    }
}
