using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data;
using PartnershipPortal.Web.Features.Shared.Lists;

namespace PartnershipPortal.Web.Features.AuditLog;

public sealed class AuditLogFilter
{
    public string? User { get; set; }

    public string? Action { get; set; }

    public string? Entity { get; set; }

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public int Page { get; set; } = 1;
}

public sealed record AuditRow(
    long Id, DateTime AtUtc, string? UserName, string Action, string? EntityType, string? EntityId,
    string? OldValues, string? NewValues, string? IpAddress, string? Details);

public sealed record AuditLogViewModel(
    AuditLogFilter Filter, IReadOnlyList<AuditRow> Rows, int Page, int PageCount, int Total, IReadOnlyList<string> EntityTypes);

/// <summary>Reads the audit log; there is deliberately no command here.</summary>
public sealed class AuditLogService(PortalDbContext db)
{
    public const int PageSize = 50;

    public async Task<AuditLogViewModel> SearchAsync(AuditLogFilter filter, CancellationToken cancellationToken)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            var user = filter.User.Trim();
            query = query.Where(e => e.UserName != null && e.UserName.Contains(user));
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = query.Where(e => e.Action == filter.Action);
        }

        if (!string.IsNullOrWhiteSpace(filter.Entity))
        {
            var entity = filter.Entity.Trim();
            query = query.Where(e => e.EntityType == entity || e.EntityId == entity);
        }

        if (filter.From is DateOnly from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.AtUtc >= start);
        }

        if (filter.To is DateOnly to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.AtUtc < end);
        }

        var shown = await query.OrderByDescending(e => e.Id).ToFixedPageAsync(filter.Page, PageSize, e => new AuditRow(
            e.Id, e.AtUtc, e.UserName, e.Action, e.EntityType, e.EntityId, e.OldValues, e.NewValues, e.IpAddress, e.Details), cancellationToken);
        var entityTypes = await db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType != null)
            .Select(e => e.EntityType!)
            .Distinct()
            .OrderBy(t => t)
            .ToListAsync(cancellationToken);
        return new AuditLogViewModel(filter, shown.Items, shown.Page, shown.PageCount, shown.Total, entityTypes);
    }
}
