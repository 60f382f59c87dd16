namespace PartnershipPortal.Web.Features.Dashboard;

public sealed record DomainFigure(string Domain, int Projects, long AmountCentimes, decimal Share);

public sealed record RecentChange(string Kind, string Label, string Controller, int Id, DateTime UpdatedAtUtc, string? UpdatedBy, bool Created);

public sealed class DashboardModel
{
    public required int Year { get; init; }

    public required List<int> Years { get; init; }

    /// <summary>Years that hold counted conventions, to point at when the chosen year is empty.</summary>
    public required List<int> YearsWithData { get; init; }

    public int Associations { get; init; }

    public int Conventions { get; init; }

    public int DraftConventions { get; init; }

    public int Projects { get; init; }

    public long AmountCentimes { get; init; }

    public required List<DomainFigure> ByDomain { get; init; }

    public required List<RecentChange> LatestChanges { get; init; }
}
