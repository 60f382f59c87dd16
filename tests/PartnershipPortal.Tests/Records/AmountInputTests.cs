using PartnershipPortal.Web.Infrastructure.Formatting;

namespace PartnershipPortal.Tests.Records;

public sealed class AmountInputTests
{
    [Theory]
    [InlineData("12500", 1_250_000)]
    [InlineData("12 500", 1_250_000)]
    [InlineData("12\u00A0500", 1_250_000)]
    [InlineData("12\u202F500", 1_250_000)]
    [InlineData(" 12 500,50 ", 1_250_050)]
    [InlineData("12 500,5", 1_250_050)]
    [InlineData("12500.05", 1_250_005)]
    [InlineData("6 990 500 DH", 699_050_000)]
    [InlineData("7000dh", 700_000)]
    [InlineData("0", 0)]
    [InlineData("999999999999,99", 99_999_999_999_999)]
    public void Reads_the_ways_agents_type_amounts(string text, long centimes)
    {
        Assert.True(AmountInput.TryParseCentimes(text, out var parsed));
        Assert.Equal(centimes, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("-300")]
    [InlineData("12,5,0")]
    [InlineData("12.500,00")]
    [InlineData("12,505")]
    [InlineData("12,")]
    [InlineData(",50")]
    [InlineData("1e5")]
    [InlineData("douze mille")]
    [InlineData("DH")]
    [InlineData("١٢٥٠٠")]
    [InlineData("1234567890123")]
    public void Refuses_what_is_not_an_amount(string? text)
    {
        Assert.False(AmountInput.TryParseCentimes(text, out _));
    }

    [Theory]
    [InlineData(1_250_000)]
    [InlineData(1_250_050)]
    [InlineData(5)]
    public void What_the_form_shows_reads_back_to_the_same_centimes(long centimes)
    {
        Assert.True(AmountInput.TryParseCentimes(AmountInput.ForInput(centimes), out var parsed));
        Assert.Equal(centimes, parsed);
    }
}
