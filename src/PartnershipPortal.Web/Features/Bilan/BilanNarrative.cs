using System.Globalization;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Infrastructure.Formatting;

namespace PartnershipPortal.Web.Features.Bilan;

/// <summary>The sentences of the bilan, worded as the published document; the page, the PDF and the workbook use the same ones.</summary>
public sealed class BilanNarrative(IStringLocalizer<SharedResource> localizer)
{
    public string ProjectsChartTitle => ProjectsChart(1);

    public string AmountChartTitle => AmountChart(2);

    /// <summary>An edition of several years numbers its charts on from the first year's (N°3 and N°4 for the second year).</summary>
    public string ProjectsChart(int number) =>
        Format(localizer["Graphique N°{0} : Répartition des projets par domaine d'intervention"], number.ToString(CultureInfo.InvariantCulture));

    public string AmountChart(int number) =>
        Format(localizer["Graphique N°{0} : Répartition du montant du soutien financier par domaine d'intervention"], number.ToString(CultureInfo.InvariantCulture));

    public string RegionTableTitle => localizer["Répartition par région"];

    public string RegionProjectsChartTitle => localizer["Répartition des projets par région"];

    public string RegionAmountChartTitle => localizer["Répartition du montant du soutien financier par région"];

    public string InvalidFilter => localizer["Ce filtre n'est pas valide : choisissez la région, l'appel à projets et le domaine dans les listes de la page du bilan."];

    /// <summary>Where the reached figures come from, under the tables.</summary>
    public string ReachedNote(int conventions) => Format(
        localizer["Bénéficiaires atteints : enfants, femmes et hommes d'après les rapports finaux approuvés ({0}), partagés entre les projets d'une convention selon leur montant."],
        Quantity(conventions, "{0} convention", "{0} conventions"));

    /// <summary>{0} what was typed, {1} and {2} the accepted range.</summary>
    public string InvalidYear => localizer["« {0} » n'est pas une année valide : indiquez une année entre {1} et {2}, par exemple /Bilan/2017."];

    public string Heading(int year) => Format(localizer["Bilan du partenariat pour l'année {0}"], year.ToString(CultureInfo.InvariantCulture));

    /// <summary>"Tableau N° 01 : ..."; an edition of several years numbers its tables on (N° 02 for its second year).</summary>
    public string TableCaption(int year, int number = 1) => Format(
        localizer["{0} : Bilan du partenariat pour l'année {1}"],
        Format(localizer["Tableau N° {0}"], number.ToString("00", CultureInfo.InvariantCulture)),
        year.ToString(CultureInfo.InvariantCulture));

    public string ActivitiesHeading(int year) => Format(localizer["Activités du programme en {0}"], year.ToString(CultureInfo.InvariantCulture));

    public string NoData(int year) => Format(
        localizer["Aucune convention de partenariat comptabilisée pour l'année {0} : il n'y a pas de bilan pour cette année."],
        year.ToString(CultureInfo.InvariantCulture));

    public string Summary(BilanReport report) => Format(
        localizer["Ces initiatives ont abouti à la signature de {0} avec {1} pour la réalisation de {2} visant l'intégration des migrants et des réfugiés, avec une enveloppe totale de {3} dirhams."],
        Quantity(report.Conventions, "{0} convention de partenariat", "{0} conventions de partenariat"),
        Quantity(report.Associations, "{0} association", "{0} associations"),
        Quantity(report.Projects, "{0} projet", "{0} projets"),
        PortalFormat.Number(report.AmountCentimes));

    /// <summary>The word after a number of projects in the charts' tooltips ("projets", "مشروعا", "projects").</summary>
    public string ProjectsUnit => localizer["{0} projets"].Value.Replace("{0}", "", StringComparison.Ordinal).Trim();

    /// <summary>Kind, date, place and participants of an activity, in one line.</summary>
    public string ActivityDetails(BilanActivity activity)
    {
        var parts = new List<string> { ActivityKindLabel(activity.Kind) };
        if (activity.StartDate is { } start)
        {
            parts.Add(activity.EndDate is { } end && end != start
                ? Format(localizer["du {0} au {1}"], PortalFormat.Date(start), PortalFormat.Date(end))
                : Format(localizer["le {0}"], PortalFormat.Date(start)));
        }

        if (!string.IsNullOrWhiteSpace(activity.Place))
        {
            parts.Add(activity.Place);
        }

        if (activity.ParticipantsCount is { } participants)
        {
            parts.Add(Quantity(participants, "{0} participant", "{0} participants"));
        }

        return string.Join(" · ", parts);
    }

    public string ActivityKindLabel(ActivityKind kind) => localizer[RecordText.Of(kind)];

    /// <summary>
    /// "78 conventions de partenariat": the keys hold the number ("{0} projets") because resource names are unique
    /// regardless of case, and "projets" would collide with the sheet name "Projets". No-break space after the number.
    /// </summary>
    public string Quantity(int count, string singular, string plural) =>
        Format(localizer[count == 1 ? singular : plural].Value.Replace("{0} ", "{0}\u00A0", StringComparison.Ordinal), PortalFormat.Count(count));

    private static string Format(string format, params object[] values) => string.Format(CultureInfo.InvariantCulture, format, values);
}
