using PartnershipPortal.Web.Features.Bilan.Excel;
using PartnershipPortal.Web.Features.Bilan.Pdf;

namespace PartnershipPortal.Web.Features.Bilan;

public static class BilanServiceCollectionExtensions
{
    /// <summary>The yearly bilan: its report service and its PDF and Excel exports (its cache is registered with the database, beside its interceptor).</summary>
    public static IServiceCollection AddBilan(this IServiceCollection services)
    {
        services.AddSingleton<BilanFonts>();
        services.AddScoped<BilanNarrative>();
        services.AddScoped<BilanService>();
        services.AddScoped<BilanPdfExporter>();
        services.AddScoped<BilanExcelExporter>();
        return services;
    }
}
