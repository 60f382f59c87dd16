using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;
using PartnershipPortal.Web.Features.Bilan;
using PartnershipPortal.Web.Infrastructure.Localization;

namespace PartnershipPortal.Web.Features.Editions;

/// <summary>What a manager types: the years and the introduction in the three languages (French required).</summary>
public sealed class EditionForm
{
    [Display(Name = "Première année")]
    [Required(ErrorMessage = "Indiquez la première année de l'édition.")]
    public int? FirstYear { get; set; }

    [Display(Name = "Dernière année")]
    [Required(ErrorMessage = "Indiquez la dernière année de l'édition.")]
    public int? LastYear { get; set; }

    [Display(Name = "Introduction (français)")]
    [Required(ErrorMessage = "Écrivez l'introduction en français.")]
    [StringLength(EditionService.IntroductionLength, ErrorMessage = "L'introduction ne peut dépasser 8 000 caractères.")]
    public string? IntroductionFr { get; set; }

    [Display(Name = "Introduction (arabe)")]
    [StringLength(EditionService.IntroductionLength, ErrorMessage = "L'introduction ne peut dépasser 8 000 caractères.")]
    public string? IntroductionAr { get; set; }

    [Display(Name = "Introduction (anglais)")]
    [StringLength(EditionService.IntroductionLength, ErrorMessage = "L'introduction ne peut dépasser 8 000 caractères.")]
    public string? IntroductionEn { get; set; }

    public Guid Version { get; set; }
}

public sealed record EditionFormPage(int? Id, EditionForm Form);

public sealed record EditionRow(int Id, int FirstYear, int LastYear, int? LatestVersion, DateTime? LatestPublishedAtUtc);

public sealed record EditionVersionRow(int Number, DateTime PublishedAtUtc, string? PublishedBy);

/// <summary>
/// One year of an edition with the numbers it carries in the document: its table is the year's position in the edition
/// (N° 01, N° 02...), its two charts follow on (N°1–2, then N°3–4).
/// </summary>
public sealed record EditionYear(BilanReport Report, int TableNumber)
{
    private static readonly string[] Numerals = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];

    /// <summary>The year's part of the document: "I." for the first year, "II." for the second.</summary>
    public string Numeral => Numerals[TableNumber - 1];

    public int ProjectsChartNumber => (2 * TableNumber) - 1;

    public int AmountChartNumber => 2 * TableNumber;
}

/// <summary>An edition as it reads: live (the preview) or frozen (a published version, <see cref="Number"/> set).</summary>
public sealed record EditionDocument(
    int EditionId,
    int? Number,
    int FirstYear,
    int LastYear,
    string IntroductionFr,
    string? IntroductionAr,
    string? IntroductionEn,
    IReadOnlyList<EditionYear> Years,
    DateTime? PublishedAtUtc)
{
    /// <summary>The introduction in the reader's language, French when it was not translated.</summary>
    public string Introduction => LocalizedName.In(PortalCultures.Current, IntroductionFr, IntroductionAr, IntroductionEn);

    public bool IsRange => LastYear > FirstYear;
}

/// <summary>
/// What a published version stores: the years' reports as they were built at publication. The schema number lets a later
/// change of <see cref="BilanReport"/> read the versions written before it.
/// </summary>
public sealed record EditionSnapshot(int Schema, IReadOnlyList<BilanReport> Years)
{
    /// <summary>2: the reports carry their regions and beneficiaries; a schema 1 version reads them as null and zero.</summary>
    public const int CurrentSchema = 2;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    public static EditionSnapshot FromJson(string json) =>
        JsonSerializer.Deserialize<EditionSnapshot>(json, Options)
        ?? throw new InvalidOperationException("A published edition has an empty snapshot.");
}

public sealed record EditionPageViewModel(
    EditionDocument Document,
    IReadOnlyList<EditionVersionRow> Versions,
    BilanNarrative Narrative,
    BilanTable Table,
    bool IsPublic)
{
    public string ChartJson => EditionChartData.For(Document, Narrative);
}

/// <summary>The charts of every year of an edition for wwwroot/js/bilan-charts.js, each canvas with its own number.</summary>
public static class EditionChartData
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static string For(EditionDocument document, BilanNarrative narrative) =>
        JsonSerializer.Serialize(new
        {
            charts = document.Years.Where(y => y.Report.HasData).SelectMany(y => new[]
            {
                Chart(y, $"chart-{y.Report.Year}-projects", narrative.ProjectsChart(y.ProjectsChartNumber), narrative.ProjectsUnit, r => r.Projects, r => r.ProjectsPercent),
                Chart(y, $"chart-{y.Report.Year}-amounts", narrative.AmountChart(y.AmountChartNumber), Infrastructure.Formatting.PortalFormat.CurrencyUnit(PortalCultures.Current), r => r.AmountCentimes / 100m, r => r.AmountPercent),
            }),
        }, Options);

    private static object Chart(EditionYear year, string id, string title, string unit, Func<BilanDomainRow, decimal> value, Func<BilanDomainRow, decimal> percent) => new
    {
        id,
        title,
        unit,
        labels = year.Report.Rows.Select(r => r.Name),
        colors = year.Report.Rows.Select((_, i) => BilanPalette.Hex[i % BilanPalette.Hex.Count]),
        values = year.Report.Rows.Select(value),
        percents = year.Report.Rows.Select(percent),
    };
}

public static class EditionText
{
    /// <summary>"2017" or "2017–2018", as the editions are named.</summary>
    public static string Years(int first, int last) =>
        first == last
            ? first.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{first}–{last}");
}
