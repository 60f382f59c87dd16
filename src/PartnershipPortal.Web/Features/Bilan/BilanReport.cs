namespace PartnershipPortal.Web.Features.Bilan;

/// <summary>
/// One year's bilan: the one source of numbers for the page, the chart data, the PDF and the Excel workbook.
/// Amounts in centimes; shares in percent (0–100) of the year's total.
/// </summary>
public sealed record BilanReport(
    int Year,
    IReadOnlyList<BilanDomainRow> Rows,
    int Projects,
    long AmountCentimes,
    int Conventions,
    int Associations,
    IReadOnlyList<BilanActivity> Activities,
    DateTime GeneratedAtUtc)
{
    /// <summary>The published document numbers its tables and charts within one year's section; an export holds one year.</summary>
    public const string TableNumber = "Tableau N° 01";

    public bool HasData => Projects > 0;
}

public sealed record BilanDomainRow(
    int DomainId,
    string Code,
    string Name,
    int Projects,
    long AmountCentimes,
    decimal ProjectsPercent,
    decimal AmountPercent);

public sealed record BilanActivity(
    string Kind,
    string Title,
    DateOnly? StartDate,
    DateOnly? EndDate,
    string? Place,
    int? ParticipantsCount,
    string? Description);

/// <summary>The years side by side: per domain and year, projects and amounts, and the change from the year before.</summary>
public sealed record BilanComparison(
    IReadOnlyList<int> Years,
    IReadOnlyList<BilanComparisonDomain> Domains,
    IReadOnlyList<BilanComparisonCell> Totals);

public sealed record BilanComparisonDomain(string Code, string Name, IReadOnlyList<BilanComparisonCell> Cells);

/// <summary>Change in percent from the previous year; null when the previous year had nothing to compare with.</summary>
public sealed record BilanComparisonCell(
    int Year,
    int Projects,
    long AmountCentimes,
    decimal? ProjectsChangePercent,
    decimal? AmountChangePercent);

/// <summary>One project behind the figures, for the workbook's detail sheet.</summary>
public sealed record BilanProjectLine(
    string Association,
    string ConventionReference,
    string Domain,
    string City,
    long AmountCentimes,
    string Status);
