using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;

namespace PartnershipPortal.Tests.Bilan;

/// <summary>One planned project of a test convention.</summary>
internal sealed record TestProject(string Domain, long Centimes, ProjectStatus Status, string City = "Rabat");

/// <summary>Conventions recorded straight into a test portal's database, each with a new association.</summary>
internal static class BilanTestData
{
    public static Task AddConventionAsync(
        PortalFactory factory, int year, ConventionStatus status, params (string Domain, long Centimes, ProjectStatus Status)[] projects) =>
        AddConventionAsync(factory, year, status, associationName: null, projects.Select(p => new TestProject(p.Domain, p.Centimes, p.Status)).ToArray());

    public static Task AddConventionAsync(
        PortalFactory factory, int year, ConventionStatus status, string? associationName, IReadOnlyList<TestProject> projects) =>
        factory.WithDbAsync(async db =>
        {
            var association = await NewAssociationAsync(db, associationName);
            var domains = await db.Domains.ToDictionaryAsync(d => d.Code);
            var sequence = await db.Conventions.CountAsync(c => c.BudgetYear == year) + 1;
            var convention = new Convention
            {
                Reference = Convention.FormatReference(year, sequence),
                BudgetYear = year,
                Sequence = sequence,
                Association = association,
                SigningDate = new DateOnly(year, 3, 1),
                Status = status,
            };
            foreach (var project in projects)
            {
                convention.Projects.Add(new Project
                {
                    Title = "Projet de test",
                    BudgetYear = year,
                    Domain = domains[project.Domain],
                    City = project.City,
                    AmountCentimes = project.Centimes,
                    Status = project.Status,
                });
            }

            convention.RecomputeTotal();
            db.Conventions.Add(convention);
            await db.SaveChangesAsync();
        });

    private static async Task<Association> NewAssociationAsync(PortalDbContext db, string? name)
    {
        var number = await db.Associations.CountAsync() + 1;
        var association = new Association
        {
            Name = name ?? $"Association de test {number}",
            RegistrationNumber = $"TEST-{number:0000}",
            City = "Rabat",
            Region = Region.RabatSaleKenitra,
        };
        db.Associations.Add(association);
        return association;
    }
}
