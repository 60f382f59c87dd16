using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data;

namespace PartnershipPortal.Web.Features.Editions;

/// <summary>
/// The demo's published 2017–2018 edition, with the source document's introduction (docs/source/bilan-partenariat-2017-2018.txt),
/// published once from the demo records, which reproduce the document's figures. Runs once (idempotent).
/// </summary>
public sealed class DemoEditionSeeder(PortalDbContext db, EditionService editions)
{
    public const string Introduction =
        "Bilan du programme de partenariat avec le tissu associatif œuvrant dans le domaine de l'intégration des migrants et des réfugiés au Maroc au titre des années 2017 et 2018\n"
        + "Ce partenariat vise à contribuer au renforcement de l'intégration des migrants et des réfugiés dans la société marocaine et la création d'un espace associatif dynamique, à travers une approche participative et ce, en vue d'accompagner le ministère dans la déclinaison de la Stratégie Nationale d'Immigration et d'Asile au niveau local et de permettre de renforcer les capacités des associations œuvrant dans le domaine de l'immigration et de l'asile, pour garantir l'efficacité dans la mise en œuvre des projets d'intégration destinés aux différentes catégories concernées.";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.BilanEditions.AnyAsync(e => e.FirstYear == 2017 && e.LastYear == 2018, cancellationToken))
        {
            return;
        }

        var id = await editions.CreateAsync(new EditionForm { FirstYear = 2017, LastYear = 2018, IntroductionFr = Introduction }, cancellationToken);
        await editions.PublishAsync(id, cancellationToken);
    }
}
