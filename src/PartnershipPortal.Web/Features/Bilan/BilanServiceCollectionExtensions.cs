using PartnershipPortal.Data;

namespace PartnershipPortal.Web.Features.Bilan;

public static class BilanServiceCollectionExtensions
{
    /// <summary>The yearly bilan: its report service and its PDF and Excel exports.</summary>
    public static IServiceCollection AddBilan(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddSingleton<BilanCache>();
        services.AddSingleton<BilanCacheInvalidator>();
        services.ConfigureDbContext<PortalDbContext>((sp, db) => db.AddInterceptors(sp.GetRequiredService<BilanCacheInvalidator>()));
        services.AddSingleton<BilanFonts>();
        services.AddScoped<BilanNarrative>();
        services.AddScoped<BilanService>();
        services.AddScoped<BilanPdfExporter>();
        services.AddScoped<BilanExcelExporter>();
        return services;
    }
}
