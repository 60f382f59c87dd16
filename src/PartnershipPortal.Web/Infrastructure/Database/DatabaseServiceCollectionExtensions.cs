using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Auditing;
using PartnershipPortal.Web.Features.Bilan;
using PartnershipPortal.Web.Infrastructure.Localization;
using PartnershipPortal.Web.Infrastructure.Security;

namespace PartnershipPortal.Web.Infrastructure.Database;

public static class DatabaseServiceCollectionExtensions
{
    public const string ConnectionStringName = "Portal";

    /// <summary>
    /// Registers the one DbContext on the configured provider, with that provider's migration set and every EF
    /// interceptor: the projects' regions, the audit columns, the audit log, the bilan cache's invalidation, the names' language in queries.
    /// </summary>
    public static IServiceCollection AddPortalDatabase(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = ReadOptions(configuration);
        var connectionString = ResolveConnectionString(options.Provider, configuration, environment);

        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ICurrentActor, HttpContextActor>();
        services.AddScoped<AuditingInterceptor>();
        services.AddScoped<AuditLogInterceptor>();
        services.AddSingleton<BilanCacheInvalidator>(); // over the BilanCache that AddBilan registers
        services.AddDbContext<PortalDbContext>((sp, db) =>
        {
            switch (options.Provider)
            {
                case DatabaseProvider.Sqlite:
                    db.UseSqlite(connectionString, x => x.MigrationsAssembly("PartnershipPortal.Migrations.Sqlite"));
                    break;
                case DatabaseProvider.SqlServer:
                    db.UseSqlServer(connectionString, x => x
                        .MigrationsAssembly("PartnershipPortal.Migrations.SqlServer")
                        .EnableRetryOnFailure());
                    break;
                default:
                    throw new InvalidOperationException($"Unknown database provider {options.Provider}.");
            }

            // The project's region and the stamps first, so that the audit log records the values saved.
            db.AddInterceptors(
                ProjectRegionInterceptor.Instance,
                sp.GetRequiredService<AuditingInterceptor>(),
                sp.GetRequiredService<BilanCacheInvalidator>(),
                sp.GetRequiredService<AuditLogInterceptor>(),
                LocalizedNameInterceptor.Instance);
        });
        return services;
    }

    public static DatabaseOptions ReadOptions(IConfiguration configuration)
    {
        var section = configuration.GetSection(DatabaseOptions.Section);
        var providerText = section["Provider"];
        var options = new DatabaseOptions();
        if (!string.IsNullOrWhiteSpace(providerText))
        {
            if (!Enum.TryParse<DatabaseProvider>(providerText, ignoreCase: true, out var provider))
            {
                throw new InvalidOperationException(
                    $"Database:Provider « {providerText} » inconnu : valeurs possibles « Sqlite » ou « SqlServer ».");
            }

            options.Provider = provider;
        }

        if (bool.TryParse(section["MigrateOnStart"], out var migrate))
        {
            options.MigrateOnStart = migrate;
        }

        return options;
    }

    public static string ResolveConnectionString(
        DatabaseProvider provider, IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        if (provider == DatabaseProvider.SqlServer)
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Portal est obligatoire avec Database:Provider = SqlServer.");
        }

        var folder = Path.Combine(environment.ContentRootPath, "App_Data");
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "portal.db")}";
    }
}
