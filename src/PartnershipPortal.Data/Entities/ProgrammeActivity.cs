namespace PartnershipPortal.Data.Entities;

/// <summary>What the programme does besides grants: consultation meetings, workshops, calls launched, the migrants' week.</summary>
public class ProgrammeActivity : AuditableEntity
{
    public ActivityKind Kind { get; set; }

    public required string Title { get; set; }

    public int Year { get; set; }

    public DateOnly? StartDate { get; set; }

    public DateOnly? EndDate { get; set; }

    public string? Place { get; set; }

    public int? ParticipantsCount { get; set; }

    public string? ParticipantsDescription { get; set; }

    /// <summary>Partner institutions, one per line (IOM, Agence de Développement Social, ...).</summary>
    public string? Partners { get; set; }

    public string? Description { get; set; }

    public ICollection<Association> Associations { get; set; } = [];
}
