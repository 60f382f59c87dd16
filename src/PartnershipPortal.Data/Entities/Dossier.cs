namespace PartnershipPortal.Data.Entities;

/// <summary>A kind of document in the association's legal dossier (reference data the administrator extends).</summary>
public class DocumentKind : AuditableEntity
{
    public required string Code { get; set; }

    public required string NameFr { get; set; }

    public required string NameAr { get; set; }

    public required string NameEn { get; set; }

    /// <summary>The document expires: the association gives its validity date with each upload.</summary>
    public bool HasValidity { get; set; }

    /// <summary>A complete dossier has a current document of every required active kind.</summary>
    public bool IsRequired { get; set; } = true;

    public bool IsActive { get; set; } = true;

    public int DisplayOrder { get; set; }
}

/// <summary>
/// One version of one document of an association's dossier. A new upload of the same kind adds a version and
/// becomes the current one; the previous versions stay for staff.
/// </summary>
public class DossierDocument : AuditableEntity
{
    public int AssociationId { get; set; }

    public Association? Association { get; set; }

    public int DocumentKindId { get; set; }

    public DocumentKind? DocumentKind { get; set; }

    public Guid StoredFileId { get; set; }

    public StoredFile? StoredFile { get; set; }

    /// <summary>1, 2, ... per association and kind; unique, so two uploads at once cannot take the same number.</summary>
    public int VersionNumber { get; set; }

    public bool IsCurrent { get; set; }

    /// <summary>Last day the document is valid, for kinds that expire.</summary>
    public DateOnly? ValidUntil { get; set; }
}
