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

    public CallForProjectsStatus Status { get; set; } = CallForProjectsStatus.Draft;

    public string? Description { get; set; }

    public ICollection<InterventionDomain> Domains { get; set; } = [];

    public ICollection<Convention> Conventions { get; set; } = [];
}
