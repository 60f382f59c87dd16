using PartnershipPortal.Web.Features.Shared.Lists;

namespace PartnershipPortal.Tests.Units;

/// <summary>How a search text becomes the words sent to the index, and the page count of a list.</summary>
public sealed class RecordSearchWordsTests
{
    [Fact]
    public void Words_are_folded_to_lower_case_without_accents_and_split_on_anything_but_letters_and_digits()
    {
        Assert.Equal(["ecole", "d", "l", "ete", "2024", "oujda"], RecordSearch.Words("ÉCOLE d'l'été—2024/Oujda"));
        Assert.Equal("ecole francaise a fes", RecordSearch.Fold("École Française à Fès"));
        // Arabic letters are letters: kept, not split.
        Assert.Equal(["جمعية", "النور"], RecordSearch.Words("جمعية النور"));
    }

    [Fact]
    public void A_word_typed_twice_is_searched_once()
    {
        Assert.Equal(["oujda", "nador"], RecordSearch.Words("Oujda OUJDA oujda, Nador oujda"));
    }

    [Fact]
    public void At_most_eight_words_are_searched()
    {
        Assert.Equal(["a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8"], RecordSearch.Words("a1 a2 a3 a4 a5 a6 a7 a8 a9 a10"));
    }

    [Fact]
    public void A_word_is_cut_at_forty_characters()
    {
        var forty = new string('x', 40);

        Assert.Equal([forty, "fin"], RecordSearch.Words(forty + "yyyyy fin"));
        Assert.Equal([forty], RecordSearch.Words(forty));
    }

    [Fact]
    public void Blank_text_has_no_word()
    {
        Assert.Empty(RecordSearch.Words(null));
        Assert.Empty(RecordSearch.Words("   "));
        Assert.Empty(RecordSearch.Words("-- ** ''"));
    }

    [Fact]
    public void Beginnings_of_conv_are_left_out_of_the_project_and_convention_indexes_only()
    {
        foreach (var word in new[] { "c", "co", "con", "conv" })
        {
            Assert.True(RecordSearch.EveryRecordHolds(SearchIndex.Projects, word), word);
            Assert.True(RecordSearch.EveryRecordHolds(SearchIndex.Conventions, word), word);
            Assert.False(RecordSearch.EveryRecordHolds(SearchIndex.Associations, word), word);
        }

        Assert.False(RecordSearch.EveryRecordHolds(SearchIndex.Projects, "conve"));
        Assert.False(RecordSearch.EveryRecordHolds(SearchIndex.Conventions, "oujda"));
    }

    [Theory]
    [InlineData(0, 25, 1)]
    [InlineData(1, 25, 1)]
    [InlineData(25, 25, 1)]
    [InlineData(26, 25, 2)]
    [InlineData(100, 10, 10)]
    [InlineData(101, 10, 11)]
    public void A_list_has_as_many_pages_as_its_rows_fill_and_at_least_one(int total, int pageSize, int pages)
    {
        Assert.Equal(pages, new ListPage<int>([], total, 1, pageSize, "", false).PageCount);
    }
}
