using PartnershipPortal.Web.Features.Bilan.Excel;
using PartnershipPortal.Web.Features.Bilan.Pdf;

namespace PartnershipPortal.Web.Features.Bilan;

public static class BilanServiceCollectionExtensions
{
    /// <summary>The yearly bilan: its report service and its PDF and Excel exports (the interceptor that empties its cache is registered with the database).</summary>
    public static IServiceCollection AddBilan(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddSingleton<BilanCache>();
        services.AddSingleton<BilanFonts>();
        services.AddScoped<BilanNarrative>();
        services.AddScoped<BilanTable>();
        services.AddScoped<BilanService>();
        services.AddScoped<BilanPdfExporter>();
        services.AddScoped<BilanExcelExporter>();
        return services;
    }
}
