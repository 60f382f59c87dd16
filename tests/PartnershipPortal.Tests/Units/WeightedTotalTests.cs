using PartnershipPortal.Web.Features.Applications;

namespace PartnershipPortal.Tests.Units;

/// <summary>A review's weighted total, as the staff's application page shows it beside each review.</summary>
public sealed class WeightedTotalTests
{
    private static readonly CriterionView[] Grid = [new(1, "Pertinence", 3, 10), new(2, "Capacité", 2, 5)];

    [Fact]
    public void Each_score_counts_its_criterion_s_weight_times()
    {
        // 3 × 8 + 2 × 4.
        Assert.Equal(32m, SelectionService.WeightedTotal(Grid, [(1, 8), (2, 4)]));
    }

    [Fact]
    public void A_score_on_a_criterion_no_longer_in_the_grid_counts_nothing()
    {
        Assert.Equal(24m, SelectionService.WeightedTotal(Grid, [(1, 8), (99, 10)]));
        Assert.Equal(0m, SelectionService.WeightedTotal(Grid, []));
    }
}
