using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Seeding;
using PartnershipPortal.Web.Infrastructure.Identity;

namespace PartnershipPortal.Web.Infrastructure.Database;

/// <summary>Brings the database to the model at start: creates it, migrates it (or refuses to start), seeds it.</summary>
public sealed class DatabaseInitializer(
    PortalDbContext db,
    DatabaseOptions options,
    IdentitySeeder identitySeeder,
    ReferenceDataSeeder referenceData,
    DemoDataSeeder demoSeeder,
    Features.Dossier.DemoDossierSeeder demoDossier,
    Features.Applications.DemoApplicationsSeeder demoApplications,
    Features.Editions.DemoEditionSeeder demoEdition,
    Features.Payments.DemoPaymentsSeeder demoPayments,
    IConfiguration configuration,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            EnsureSqliteFolderExists();
        }

        await using var initializing = await InitializationLock.AcquireAsync(options, db.Database.GetConnectionString()!, cancellationToken);
        if (options.MigrateOnStart)
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        else
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                throw new InvalidOperationException(
                    "La base de données n'est pas à jour et Database:MigrateOnStart vaut false. Migrations manquantes : "
                    + string.Join(", ", pending) + ". Appliquez-les (script SQL ou dotnet ef database update) puis redémarrez.");
            }
        }

        if (options.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers go on while a writer commits; the mode is stored in the file, so once is enough.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await referenceData.SeedAsync(cancellationToken);
        await identitySeeder.SeedRolesAsync(cancellationToken);
        if (configuration.GetValue<bool>("Seed:Demo"))
        {
            logger.LogInformation("Seeding the demo data (Seed:Demo is true).");
            await demoSeeder.SeedAsync(cancellationToken);
            await demoDossier.SeedAsync(cancellationToken);
            await identitySeeder.SeedDemoAccountsAsync(cancellationToken);
            await demoApplications.SeedAsync(cancellationToken);
            await demoEdition.SeedAsync(cancellationToken);
            await demoPayments.SeedAsync(cancellationToken);
        }

        await identitySeeder.SeedFirstAdministratorAsync(cancellationToken);
    }

    private void EnsureSqliteFolderExists()
    {
        var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(folder) && builder.DataSource != ":memory:")
        {
            Directory.CreateDirectory(folder);
        }
    }
}
