namespace PartnershipPortal.Web.Features.MonEspace;

public static class MonEspaceServiceCollectionExtensions
{
    /// <summary>The association's own space.</summary>
    public static IServiceCollection AddMonEspace(this IServiceCollection services) => services.AddScoped<MonEspaceService>();
}
