namespace PartnershipPortal.Web.Features.AuditLog;

public static class AuditLogServiceCollectionExtensions
{
    /// <summary>The read-only audit log.</summary>
    public static IServiceCollection AddAuditLog(this IServiceCollection services) => services.AddScoped<AuditLogService>();
}
