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

    /// <summary>The introduction in Arabic, translated from the French of the document (which has no Arabic version).</summary>
    public const string IntroductionAr =
        "حصيلة برنامج الشراكة مع النسيج الجمعوي العامل في مجال إدماج المهاجرين واللاجئين بالمغرب برسم سنتي 2017 و2018\n"
        + "تهدف هذه الشراكة إلى المساهمة في تعزيز إدماج المهاجرين واللاجئين في المجتمع المغربي وخلق فضاء جمعوي دينامي، من خلال مقاربة تشاركية، وذلك بغية مواكبة الوزارة في تنزيل الاستراتيجية الوطنية للهجرة واللجوء على المستوى المحلي، وتعزيز قدرات الجمعيات العاملة في مجال الهجرة واللجوء، لضمان النجاعة في تنفيذ مشاريع الإدماج الموجهة لمختلف الفئات المعنية.";

    /// <summary>The introduction in English, translated from the French of the document.</summary>
    public const string IntroductionEn =
        "Review of the partnership programme with associations working on the integration of migrants and refugees in Morocco for the years 2017 and 2018\n"
        + "This partnership aims to help strengthen the integration of migrants and refugees into Moroccan society and to create a dynamic associative sector, through a participatory approach, in order to support the ministry in implementing the National Strategy on Immigration and Asylum at local level and to strengthen the capacities of associations working on immigration and asylum, so as to ensure that the integration projects intended for the various groups concerned are carried out effectively.";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.BilanEditions.AnyAsync(e => e.FirstYear == 2017 && e.LastYear == 2018, cancellationToken))
        {
            return;
        }

        var id = await editions.CreateAsync(new EditionForm { FirstYear = 2017, LastYear = 2018, IntroductionFr = Introduction, IntroductionAr = IntroductionAr, IntroductionEn = IntroductionEn }, cancellationToken);
        await editions.PublishAsync(id, cancellationToken);
    }
}
