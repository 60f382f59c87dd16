namespace PartnershipPortal.Data.Entities;

public class Association : AuditableEntity
{
    public required string Name { get; set; }

    public string? NameAr { get; set; }

    public string? Acronym { get; set; }

    public required string RegistrationNumber { get; set; }

    public required string City { get; set; }

    public Region Region { get; set; }

    public string? Address { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public string? ContactPerson { get; set; }

    public AssociationStatus Status { get; set; } = AssociationStatus.Active;

    public ICollection<Convention> Conventions { get; set; } = [];

    public ICollection<ProgrammeActivity> Activities { get; set; } = [];
}
