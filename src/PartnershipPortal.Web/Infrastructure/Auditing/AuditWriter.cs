using PartnershipPortal.Data;
using PartnershipPortal.Data.Auditing;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Web.Infrastructure.Auditing;

/// <summary>
/// Events the change tracker cannot see: sign-ins, account changes, denied accesses.
/// <see cref="Stage"/> adds the line to the request's DbContext so that it commits with the next save
/// (an account change saved by Identity's UserManager); <see cref="WriteAsync"/> saves it at once.
/// </summary>
public sealed class AuditWriter(PortalDbContext db, ICurrentActor actor, TimeProvider time)
{
    public void Stage(string action, string? entityType = null, string? entityId = null,
        string? details = null, string? userName = null, string? oldValues = null, string? newValues = null)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            AtUtc = time.GetUtcNow().UtcDateTime,
            UserName = Truncate(userName ?? actor.Name, 256),
            IpAddress = actor.IpAddress,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            OldValues = oldValues,
            NewValues = newValues,
            Details = Truncate(details, 1000),
        });
    }

    public async Task WriteAsync(string action, string? entityType = null, string? entityId = null,
        string? details = null, string? userName = null, CancellationToken cancellationToken = default)
    {
        Stage(action, entityType, entityId, details, userName);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string? Truncate(string? text, int length) =>
        text is null || text.Length <= length ? text : text[..length];
}
