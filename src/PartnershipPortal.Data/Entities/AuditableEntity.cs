using System.ComponentModel.DataAnnotations;

namespace PartnershipPortal.Data.Entities;

/// <summary>Base of every record staff can edit: who touched it, when, and an optimistic concurrency token.</summary>
public abstract class AuditableEntity
{
    public int Id { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    [MaxLength(256)]
    public string? CreatedBy { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    [MaxLength(256)]
    public string? UpdatedBy { get; set; }

    /// <summary>
    /// Replaced on every save by the auditing interceptor (<c>Auditing/AuditingInterceptor.cs</c>). A rowversion column would do nothing on SQLite,
    /// so the token is managed by the application and works the same on both providers.
    /// </summary>
    [ConcurrencyCheck]
    public Guid Version { get; set; }
}
