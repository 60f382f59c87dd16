using PartnershipPortal.Web.Features.Publications;

namespace PartnershipPortal.Web.Features.Editions;

public static class EditionServiceCollectionExtensions
{
    /// <summary>The bilan's editions (staff) and their public page (/Publications).</summary>
    public static IServiceCollection AddEditions(this IServiceCollection services)
    {
        services.AddScoped<EditionService>();
        services.AddScoped<DemoEditionSeeder>();
        services.AddScoped<EditionExcelExporter>();
        services.AddPublicationsCache();
        return services;
    }
}
