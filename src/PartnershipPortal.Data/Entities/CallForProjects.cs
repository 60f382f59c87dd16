namespace PartnershipPortal.Data.Entities;

public class CallForProjects : AuditableEntity
{
    public required string Reference { get; set; }

    public required string Title { get; set; }

    public int Year { get; set; }

    public DateOnly? PublicationDate { get; set; }

    public DateOnly? Deadline { get; set; }

    /// <summary>Budget envelope in centimes of dirham; money is never a floating-point number.</summary>
    public long? BudgetEnvelopeCentimes { get; set; }

    /// <summary>The most one project may ask for, in centimes; none when the call sets no ceiling.</summary>
    public long? MaxPerProjectCentimes { get; set; }

    public CallForProjectsStatus Status { get; set; } = CallForProjectsStatus.Draft;

    public string? Description { get; set; }

    public ICollection<InterventionDomain> Domains { get; set; } = [];

    public ICollection<Convention> Conventions { get; set; } = [];

    public ICollection<ScoringCriterion> Criteria { get; set; } = [];

    public ICollection<Application> Applications { get; set; } = [];
}
