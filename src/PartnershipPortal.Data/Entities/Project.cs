namespace PartnershipPortal.Data.Entities;

public class Project : AuditableEntity
{
    public int ConventionId { get; set; }

    public Convention? Convention { get; set; }

    /// <summary>
    /// Copy of the convention's budget year. The bilan groups millions of projects by year and domain;
    /// carrying the year here lets one covering index (year, domain, status, amount) answer it without a join.
    /// </summary>
    public int BudgetYear { get; set; }

    public required string Title { get; set; }

    public int DomainId { get; set; }

    public InterventionDomain? Domain { get; set; }

    public required string City { get; set; }

    /// <summary>
    /// Where the project takes place: derived from <see cref="City"/> (<see cref="CityRegions"/>) when the project is
    /// created or its city changes, the association's region when the city is unknown; staff may correct it on the
    /// project's form. Left at its default (0), it is derived when saved (<see cref="ProjectRegionInterceptor"/>).
    /// </summary>
    public Region Region { get; set; }

    public int? BeneficiariesCount { get; set; }

    public string? BeneficiariesDescription { get; set; }

    /// <summary>Amount of financial support in centimes of dirham.</summary>
    public long AmountCentimes { get; set; }

    public DateOnly? StartDate { get; set; }

    public DateOnly? EndDate { get; set; }

    public ProjectStatus Status { get; set; } = ProjectStatus.Planned;
}
