using PartnershipPortal.Web.Features.DocumentKinds;
using PartnershipPortal.Web.Features.Dossier;

namespace PartnershipPortal.Web.Features.Files;

public static class FilesServiceCollectionExtensions
{
    /// <summary>The file store (Files:*), the association's dossier and its check before a signature.</summary>
    public static IServiceCollection AddFilesAndDossier(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection("Files").Get<FileStoreOptions>() ?? new FileStoreOptions();
        if (options.MaxBytes <= 0 || options.RetentionDays < 0 || options.MaxInflatedBytes <= 0)
        {
            throw new InvalidOperationException("Files:MaxBytes and Files:MaxInflatedBytes must be positive, Files:RetentionDays zero or more.");
        }

        services.AddSingleton(options);
        services.AddSingleton<FileStoreLocation>();
        services.AddSingleton<FileInspector>();
        services.AddSingleton<UploadReader>();
        services.AddScoped<FileStore>();
        services.AddScoped<DossierCheck>();
        services.AddScoped<IDossierCheck>(sp => sp.GetRequiredService<DossierCheck>());
        services.AddScoped<DossierService>();
        services.AddScoped<DocumentKindService>();
        services.AddScoped<DemoDossierSeeder>();
        services.AddHostedService<FileRetentionService>();
        return services;
    }
}
