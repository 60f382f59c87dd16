namespace PartnershipPortal.Data.Entities;

/// <summary>
/// An avenant: the only way a signed convention's projects and amounts change. Numbered per convention
/// (CONV-2018-020/AV1, /AV2, ...); keeps the totals before and after and what changed in each project.
/// </summary>
public class ConventionAmendment : AuditableEntity
{
    public int ConventionId { get; set; }

    public Convention? Convention { get; set; }

    /// <summary>1 for AV1; unique with <see cref="ConventionId"/>.</summary>
    public int Number { get; set; }

    /// <summary>The convention's reference followed by /AV{Number}.</summary>
    public required string Reference { get; set; }

    public DateOnly Date { get; set; }

    public required string Reason { get; set; }

    public long TotalBeforeCentimes { get; set; }

    public long TotalAfterCentimes { get; set; }

    public ICollection<ConventionAmendmentChange> Changes { get; set; } = [];

    public static string FormatReference(string conventionReference, int number) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{conventionReference}/AV{number}");
}

/// <summary>One change of an amendment to one project; the project's title is copied, since a removed project is deleted.</summary>
public class ConventionAmendmentChange
{
    public int Id { get; set; }

    public int AmendmentId { get; set; }

    public ConventionAmendment? Amendment { get; set; }

    public AmendmentChangeKind Kind { get; set; }

    /// <summary>The project changed, added or removed; a removed project is deleted, and its id then names no row (no foreign key).</summary>
    public int? ProjectId { get; set; }

    public required string ProjectTitle { get; set; }

    public long? AmountBeforeCentimes { get; set; }

    public long? AmountAfterCentimes { get; set; }

    public DateOnly? StartBefore { get; set; }

    public DateOnly? EndBefore { get; set; }

    public DateOnly? StartAfter { get; set; }

    public DateOnly? EndAfter { get; set; }
}
