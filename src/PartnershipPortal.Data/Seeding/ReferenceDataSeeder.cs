using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Data.Seeding;

/// <summary>
/// The four intervention domains of the programme and the pieces of the associations' legal dossier: reference data
/// every installation needs, demo or not. The administrator edits both afterwards; a missing code is added back only.
/// </summary>
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

        var kinds = await db.DocumentKinds.Select(k => k.Code).ToListAsync(cancellationToken);
        foreach (var kind in DossierKinds.Where(k => !kinds.Contains(k.Code)))
        {
            db.DocumentKinds.Add(kind);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The dossier checked before a convention is signed (the ministry's list).</summary>
    private static IEnumerable<DocumentKind> DossierKinds =>
    [
        Kind("STATUTS", 1, false, "Statuts", "النظام الأساسي", "Statutes"),
        Kind("RECEPISSE", 2, true, "Récépissé de dépôt légal", "وصل الإيداع القانوني", "Legal filing receipt"),
        Kind("PV-AG", 3, true, "Procès-verbal de la dernière assemblée générale", "محضر آخر جمع عام", "Minutes of the last general assembly"),
        Kind("BUREAU", 4, true, "Liste des membres du bureau", "لائحة أعضاء المكتب", "List of the board members"),
        Kind("RIB", 5, true, "Attestation bancaire (RIB)", "شهادة بنكية (RIB)", "Bank certificate (RIB)"),
        Kind("RAPPORT", 6, true, "Rapport moral et financier de l'année précédente", "التقرير الأدبي والمالي للسنة الماضية",
            "Activity and financial report of the previous year"),
    ];

    private static DocumentKind Kind(string code, int order, bool hasValidity, string fr, string ar, string en) => new()
    {
        Code = code,
        DisplayOrder = order,
        HasValidity = hasValidity,
        IsRequired = true,
        IsActive = true,
        NameFr = fr,
        NameAr = ar,
        NameEn = en,
    };
}
