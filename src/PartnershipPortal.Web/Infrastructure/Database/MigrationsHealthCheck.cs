using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PartnershipPortal.Data;

namespace PartnershipPortal.Web.Infrastructure.Database;

/// <summary>Ready only when the database has every migration this build knows: a new instance waits for the one that migrates.</summary>
public sealed class MigrationsHealthCheck(PortalDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        // No migration names in the answer: /health/ready is anonymous.
        return pending.Count == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy();
    }
}
