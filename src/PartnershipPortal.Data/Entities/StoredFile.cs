namespace PartnershipPortal.Data.Entities;

/// <summary>
/// Metadata of one uploaded file. The bytes live outside the web root: in a folder (Files:Root) or in
/// <see cref="StoredFileContent"/> (Files:Store=Database). The id is random so that it cannot be guessed.
/// </summary>
public class StoredFile
{
    public Guid Id { get; set; }

    /// <summary>The name as the browser sent it (trimmed to the column), for the audit and support.</summary>
    public required string OriginalName { get; set; }

    /// <summary>The sanitized name given back on download.</summary>
    public required string FileName { get; set; }

    /// <summary>MIME type decided from the content's signature, never from the browser's header.</summary>
    public required string ContentType { get; set; }

    public long SizeBytes { get; set; }

    /// <summary>Lower-case hexadecimal SHA-256 of the content.</summary>
    public required string Sha256 { get; set; }

    public required string UploadedBy { get; set; }

    public DateTime UploadedAtUtc { get; set; }

    /// <summary>The association the file belongs to; null for a file of the ministry's own.</summary>
    public int? OwnerAssociationId { get; set; }

    public Association? OwnerAssociation { get; set; }

    /// <summary>What the file is attached to: a record type ("DossierDocument") ...</summary>
    public required string AttachedTo { get; set; }

    /// <summary>... and its id, set once the record exists.</summary>
    public string? AttachedToId { get; set; }

    /// <summary>Soft delete: the file stays for Files:RetentionDays, then its content is purged.</summary>
    public DateTime? DeletedAtUtc { get; set; }

    public string? DeletedBy { get; set; }

    /// <summary>Set when the content was purged after the retention period; the metadata stays for the audit.</summary>
    public DateTime? PurgedAtUtc { get; set; }
}

/// <summary>The bytes of a file when Files:Store=Database: several instances then need no shared disk.</summary>
public class StoredFileContent
{
    public Guid FileId { get; set; }

    public required byte[] Data { get; set; }
}
