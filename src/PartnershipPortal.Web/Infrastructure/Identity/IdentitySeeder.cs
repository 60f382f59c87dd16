using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Data.Seeding;

namespace PartnershipPortal.Web.Infrastructure.Identity;

/// <summary>Roles, the demo accounts (demo mode only) and the first administrator (from configuration).</summary>
public sealed class IdentitySeeder(
    PortalDbContext db,
    UserManager<ApplicationUser> users,
    RoleManager<IdentityRole> roles,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<IdentitySeeder> logger)
{
    public static readonly IReadOnlyList<(string Email, string Role, string FullName)> DemoAccounts =
    [
        ("admin@portail.test", Roles.Administrator, "Administrateur de démonstration"),
        ("agent@portail.test", Roles.Agent, "Agent de démonstration"),
        ("manager@portail.test", Roles.Manager, "Responsable de démonstration"),
        ("association@portail.test", Roles.Association, "Compte association de démonstration"),
        ("evaluateur@portail.test", Roles.Reviewer, "Évaluateur de démonstration"),
    ];

    public async Task SeedRolesAsync(CancellationToken cancellationToken)
    {
        foreach (var role in Roles.All)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!await roles.RoleExistsAsync(role))
            {
                Ensure(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
            }
        }
    }

    public async Task SeedDemoAccountsAsync(CancellationToken cancellationToken)
    {
        var password = configuration["Seed:DemoPassword"];
        if (string.IsNullOrWhiteSpace(password))
        {
            throw new InvalidOperationException("Seed:Demo est activé mais Seed:DemoPassword est vide.");
        }

        var demoAssociationId = await db.Associations
            .Where(a => a.RegistrationNumber == DemoDataSeeder.DemoAssociationRegistrationNumber)
            .Select(a => a.Id)
            .SingleAsync(cancellationToken);

        foreach (var (email, role, fullName) in DemoAccounts)
        {
            if (await users.FindByEmailAsync(email) is not null)
            {
                continue;
            }

            var user = new ApplicationUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                FullName = fullName,
                AssociationId = role == Roles.Association ? demoAssociationId : null,
                CreatedAtUtc = time.GetUtcNow().UtcDateTime,
            };
            Ensure(await users.CreateAsync(user, password), email);
            Ensure(await users.AddToRoleAsync(user, role), email);
        }
    }

    /// <summary>
    /// Outside demo mode no account has a known password. The first administrator comes from
    /// Admin:Email and Admin:Password, and only while the portal has no administrator at all.
    /// </summary>
    public async Task SeedFirstAdministratorAsync(CancellationToken cancellationToken)
    {
        var email = configuration["Admin:Email"];
        var password = configuration["Admin:Password"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password))
        {
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        if ((await users.GetUsersInRoleAsync(Roles.Administrator)).Count > 0)
        {
            return;
        }

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new ApplicationUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                FullName = "Administrateur",
                CreatedAtUtc = time.GetUtcNow().UtcDateTime,
            };
            Ensure(await users.CreateAsync(user, password), email);
        }

        Ensure(await users.AddToRoleAsync(user, Roles.Administrator), email);
        logger.LogWarning("First administrator {Email} created from configuration; remove Admin:Password now.", email);
    }

    private static void Ensure(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Impossible de créer {what} : " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
