using Microsoft.Extensions.Localization;
using PartnershipPortal.Web.Infrastructure.Formatting;

namespace PartnershipPortal.Web.Features.Bilan;

/// <summary>What a figure column of the bilan's table holds; each medium writes and sizes it from this.</summary>
public enum BilanFigure
{
    /// <summary>A number of projects.</summary>
    Count,

    /// <summary>An amount in centimes, shown in dirhams.</summary>
    Amount,

    /// <summary>A share in percent (0 to 100).</summary>
    Share,

    /// <summary>A number of persons (beneficiaries).</summary>
    People,
}

/// <summary>
/// One figure column of the table: its header as text (the page, the PDF) and as a bare number's header (the
/// workbook writes shares as numbers, so its header carries the unit), the figure of a domain and of the total row.
/// </summary>
public sealed record BilanColumn(
    BilanFigure Figure,
    string Header,
    string NumberHeader,
    bool Published,
    Func<IBilanFigures, decimal> OfRow,
    Func<BilanReport, decimal> OfTotal)
{
    /// <summary>The figure as the page and the PDF write it.</summary>
    public string Text(decimal value, string language) => Figure switch
    {
        BilanFigure.Count or BilanFigure.People => PortalFormat.Count((long)value, language),
        BilanFigure.Amount => PortalFormat.Number((long)value, language),
        _ => PortalFormat.Percent(value / 100, language),
    };
}

/// <summary>
/// The bilan's tables, defined once for the page (Year.cshtml), the PDF and the workbook: the domain (or region)
/// column, then the figure columns in the page's order, and the total row's label. The PDF's domain table shows the
/// columns the ministry publishes (<see cref="Published"/>); the workbook puts its summed figures before the shares and
/// the beneficiaries after them (<see cref="SheetOrder"/>). The region table has the same columns.
/// </summary>
public sealed class BilanTable(IStringLocalizer<SharedResource> localizer)
{
    public string DomainHeader => localizer["Domaine d'intervention"];

    public string RegionHeader => localizer["Région"];

    public string CallLabel => localizer["Appel à projets"];

    public string DomainLabel => localizer["Domaine"];

    /// <summary>"Filtré : Région : L'Oriental · Domaine : …", on the page and in the files.</summary>
    public string FilterLine(string description) => string.Format(System.Globalization.CultureInfo.InvariantCulture, localizer["Filtré : {0}"], description);

    public string RegionName(PartnershipPortal.Data.Entities.Region region) => localizer[Shared.RecordText.Of(region)];

    public string TotalLabel => localizer["Total"];

    /// <summary>The figure columns in the page's order.</summary>
    public IReadOnlyList<BilanColumn> Columns =>
    [
        new(BilanFigure.Count, localizer["Nombre de projets"], localizer["Nombre de projets"], Published: true, r => r.Projects, t => t.Projects),
        new(BilanFigure.Share, localizer["Part des projets"], localizer["Part des projets (%)"], Published: false, r => r.ProjectsPercent, _ => 100),
        new(BilanFigure.Amount, localizer["Montant du soutien financier (DH)"], localizer["Montant du soutien financier (DH)"], Published: true, r => r.AmountCentimes, t => t.AmountCentimes),
        new(BilanFigure.Share, localizer["Part du montant"], localizer["Part du montant (%)"], Published: false, r => r.AmountPercent, _ => 100),
        new(BilanFigure.People, localizer["Bénéficiaires prévus"], localizer["Bénéficiaires prévus"], Published: false, r => r.PlannedBeneficiaries, t => t.PlannedBeneficiaries),
        new(BilanFigure.People, localizer["Bénéficiaires atteints"], localizer["Bénéficiaires atteints"], Published: false, r => r.ReachedBeneficiaries, t => t.ReachedBeneficiaries),
    ];

    /// <summary>The columns of the published table ("Tableau N° 01"): the PDF reproduces that document.</summary>
    public IReadOnlyList<BilanColumn> Published => [.. Columns.Where(c => c.Published)];

    /// <summary>
    /// The workbook's order: the counts and amounts first, then the shares, then the beneficiaries, each in the page's
    /// order. Its total row sums every column with a formula; the readers' sheets and the tests address the counts and
    /// amounts as columns B and C, the shares as D and E (the beneficiaries came later: F and G).
    /// </summary>
    public IReadOnlyList<BilanColumn> SheetOrder =>
    [
        .. Columns.Where(c => c.Figure is BilanFigure.Count or BilanFigure.Amount),
        .. Columns.Where(c => c.Figure == BilanFigure.Share),
        .. Columns.Where(c => c.Figure == BilanFigure.People),
    ];
}
