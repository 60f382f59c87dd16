using System.Text.Json.Serialization;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Infrastructure.Localization;

namespace PartnershipPortal.Web.Features.Bilan;

/// <summary>
/// One year's bilan: the one source of numbers for the page, the chart data, the PDF and the Excel workbook.
/// Amounts in centimes; shares in percent (0–100) of the year's total. The members after <see cref="GeneratedAtUtc"/>
/// came later: an edition published before them reads them as null or zero (docs/bilan.md, "Regions").
/// </summary>
public sealed record BilanReport(
    int Year,
    IReadOnlyList<BilanDomainRow> Rows,
    int Projects,
    long AmountCentimes,
    int Conventions,
    int Associations,
    IReadOnlyList<BilanActivity> Activities,
    DateTime GeneratedAtUtc,
    IReadOnlyList<BilanRegionRow>? Regions = null,
    long PlannedBeneficiaries = 0,
    long ReachedBeneficiaries = 0,
    int ReportingConventions = 0) : IBilanFigures
{
    [JsonIgnore]
    public bool HasData => Projects > 0;

    [JsonIgnore]
    decimal IBilanFigures.ProjectsPercent => 100;

    [JsonIgnore]
    decimal IBilanFigures.AmountPercent => 100;
}

/// <summary>The figures of a row of either table, and of their total: what <see cref="BilanColumn"/> reads.</summary>
public interface IBilanFigures
{
    int Projects { get; }

    long AmountCentimes { get; }

    decimal ProjectsPercent { get; }

    decimal AmountPercent { get; }

    /// <summary>The sum of the projects' planned beneficiaries (<c>Project.BeneficiariesCount</c>).</summary>
    long PlannedBeneficiaries { get; }

    /// <summary>Beneficiaries reached as the approved final reports give them (children, women and men).</summary>
    long ReachedBeneficiaries { get; }
}

public sealed record BilanDomainRow(
    int DomainId,
    string Code,
    DomainNames Names,
    int Projects,
    long AmountCentimes,
    decimal ProjectsPercent,
    decimal AmountPercent,
    long PlannedBeneficiaries = 0,
    long ReachedBeneficiaries = 0) : IBilanFigures
{
    /// <summary>The name in the current request's language (the report is cached once for every language).</summary>
    [JsonIgnore]
    public string Name => Names.In(PortalCultures.Current);
}

/// <summary>A region's row: where the projects take place (<c>Project.Region</c>), labelled when shown.</summary>
public sealed record BilanRegionRow(
    Region Region,
    int Projects,
    long AmountCentimes,
    decimal ProjectsPercent,
    decimal AmountPercent,
    long PlannedBeneficiaries,
    long ReachedBeneficiaries) : IBilanFigures;

/// <summary>A domain's three names; the bilan shows the one of the reader's language.</summary>
public sealed record DomainNames(string French, string Arabic, string English)
{
    public string In(string language) => LocalizedName.In(language, French, Arabic, English);
}

/// <summary>The kind stays an enum: the report is cached for every language and labelled when shown.</summary>
/// <remarks>Who took part and the partner institutions are shown by the published editions, which follow the document.</remarks>
public sealed record BilanActivity(
    ActivityKind Kind,
    string Title,
    DateOnly? StartDate,
    DateOnly? EndDate,
    string? Place,
    int? ParticipantsCount,
    string? Description,
    string? ParticipantsDescription = null,
    string? Partners = null);

/// <summary>The years side by side: per domain and year, projects and amounts, and the change from the year before.</summary>
public sealed record BilanComparison(
    IReadOnlyList<int> Years,
    IReadOnlyList<BilanComparisonDomain> Domains,
    IReadOnlyList<BilanComparisonCell> Totals);

public sealed record BilanComparisonDomain(string Code, DomainNames Names, IReadOnlyList<BilanComparisonCell> Cells)
{
    public string Name => Names.In(PortalCultures.Current);
}

/// <summary>Change in percent from the previous year; null when the previous year had nothing to compare with.</summary>
public sealed record BilanComparisonCell(
    int Year,
    int Projects,
    long AmountCentimes,
    decimal? ProjectsChangePercent,
    decimal? AmountChangePercent);

/// <summary>One project behind the figures, for the workbook's detail sheet; a struct, as there may be 100,000 of them.</summary>
public readonly record struct BilanProjectLine(
    string Association,
    string ConventionReference,
    string Domain,
    string City,
    long AmountCentimes,
    string Status);
