namespace PartnershipPortal.Data.Entities;

/// <summary>
/// An association's request to join the portal, made on the public page: an administrator checks it against the
/// registry, then approves it (the association and its account are created, or it is linked to the association already
/// known by its registration number) or rejects it with a reason.
/// </summary>
public class RegistrationRequest : AuditableEntity
{
    public required string Name { get; set; }

    public string? NameAr { get; set; }

    public required string RegistrationNumber { get; set; }

    public Region Region { get; set; }

    public required string City { get; set; }

    public string? Address { get; set; }

    public required string ContactPerson { get; set; }

    public required string Email { get; set; }

    public string? Phone { get; set; }

    /// <summary>The récépissé (receipt of the association's declaration), in the file store.</summary>
    public Guid? ReceiptFileId { get; set; }

    public StoredFile? ReceiptFile { get; set; }

    public RegistrationStatus Status { get; set; } = RegistrationStatus.Pending;

    public string? RejectionReason { get; set; }

    /// <summary>The association created or found at the approval.</summary>
    public int? AssociationId { get; set; }

    public Association? Association { get; set; }

    public DateTime? DecidedAtUtc { get; set; }
}
