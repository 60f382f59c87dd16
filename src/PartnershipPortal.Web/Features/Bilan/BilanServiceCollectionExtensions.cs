namespace PartnershipPortal.Web.Features.Bilan;

public static class BilanServiceCollectionExtensions
{
    /// <summary>The yearly bilan: its report service and its PDF and Excel exports.</summary>
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
