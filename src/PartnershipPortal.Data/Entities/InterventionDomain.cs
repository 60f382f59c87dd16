namespace PartnershipPortal.Data.Entities;

public class InterventionDomain : AuditableEntity
{
    public required string Code { get; set; }

    public required string NameFr { get; set; }

    public required string NameAr { get; set; }

    public required string NameEn { get; set; }

    public int DisplayOrder { get; set; }

    public bool IsActive { get; set; } = true;

    public ICollection<CallForProjects> Calls { get; set; } = [];
}
