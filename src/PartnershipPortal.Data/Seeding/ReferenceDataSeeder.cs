using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Data.Seeding;

/// <summary>The four intervention domains of the programme: reference data every installation needs, demo or not.</summary>
public sealed class ReferenceDataSeeder(PortalDbContext db)
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var existing = await db.Domains.Select(d => d.Code).ToListAsync(cancellationToken);
        var order = 0;
        foreach (var domain in PublishedBilan.Load().Domains)
        {
            order++;
            if (existing.Contains(domain.Code))
            {
                continue;
            }

            db.Domains.Add(new InterventionDomain
            {
                Code = domain.Code,
                NameFr = domain.Fr,
                NameAr = domain.Ar,
                NameEn = domain.En,
                DisplayOrder = order,
                IsActive = true,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
