namespace PartnershipPortal.Data.Entities;

public class Convention : AuditableEntity
{
    /// <summary>CONV-{year}-{sequence:000}, assigned by the portal.</summary>
    public required string Reference { get; set; }

    public int BudgetYear { get; set; }

    /// <summary>Position in its budget year; unique with <see cref="BudgetYear"/>, which makes concurrent numbering safe.</summary>
    public int Sequence { get; set; }

    public int AssociationId { get; set; }

    public Association? Association { get; set; }

    /// <summary>Optional: the 2017 humanitarian conventions were signed without a call for projects.</summary>
    public int? CallForProjectsId { get; set; }

    public CallForProjects? CallForProjects { get; set; }

    public DateOnly? SigningDate { get; set; }

    public ConventionStatus Status { get; set; } = ConventionStatus.Draft;

    /// <summary>The exact sum of its projects' amounts, in centimes; kept in step by <see cref="RecomputeTotal"/>.</summary>
    public long TotalCentimes { get; set; }

    public string? Notes { get; set; }

    public ICollection<Project> Projects { get; set; } = [];

    public static string FormatReference(int year, int sequence) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"CONV-{year}-{sequence:000}");

    public void RecomputeTotal() => TotalCentimes = Projects.Sum(p => p.AmountCentimes);

    /// <summary>Statuses whose conventions and projects count in the bilan.</summary>
    public static readonly IReadOnlyList<ConventionStatus> CountedStatuses =
        [ConventionStatus.Signed, ConventionStatus.InProgress, ConventionStatus.Completed];
}
