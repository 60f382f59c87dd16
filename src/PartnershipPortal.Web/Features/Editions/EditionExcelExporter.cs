using System.Globalization;
using ClosedXML.Excel;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Web.Features.Bilan;
using PartnershipPortal.Web.Features.Bilan.Excel;
using PartnershipPortal.Web.Infrastructure.Formatting;
using PartnershipPortal.Web.Infrastructure.Localization;

namespace PartnershipPortal.Web.Features.Editions;

/// <summary>
/// A published version as a workbook that follows the document: an introduction sheet, then one sheet per year with
/// its narrative, its table numbered on across the edition (Tableau N° 01, 02…), the data of its two charts (numbered
/// on too) and its initiatives with who took part and the partners. Built from the version's frozen reports only:
/// there is no project sheet, since the live projects may have changed since the publication.
/// </summary>
public sealed class EditionExcelExporter(BilanNarrative narrative, BilanTable table, IStringLocalizer<SharedResource> localizer)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public MemoryStream Export(EditionDocument document)
    {
        var language = PortalCultures.Current;
        using var workbook = new XLWorkbook();
        WriteIntroduction(workbook.Worksheets.Add(SheetName(localizer["Introduction"])), document);
        foreach (var year in document.Years)
        {
            WriteYear(workbook.Worksheets.Add(year.Report.Year.ToString(CultureInfo.InvariantCulture)), year, language);
        }

        if (PortalCultures.IsRightToLeft(language))
        {
            foreach (var sheet in workbook.Worksheets)
            {
                sheet.RightToLeft = true;
            }
        }

        var output = new MemoryStream();
        workbook.SaveAs(output);
        output.Position = 0;
        return output;
    }

    private void WriteIntroduction(IXLWorksheet sheet, EditionDocument document)
    {
        sheet.Column(1).Width = 120;
        sheet.Cell(1, 1).Value = string.Format(CultureInfo.InvariantCulture, localizer["Bilan du partenariat {0}"].Value, EditionText.Years(document.FirstYear, document.LastYear));
        sheet.Cell(1, 1).Style.Font.Bold = true;
        sheet.Cell(1, 1).Style.Font.FontSize = 14;
        if (document.PublishedAtUtc is { } published)
        {
            sheet.Cell(2, 1).Value = string.Format(CultureInfo.InvariantCulture, localizer["Publiée le {0} : ses chiffres sont ceux de ce jour."].Value, PortalFormat.Date(published));
        }

        var row = 4;
        foreach (var paragraph in document.Introduction.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            sheet.Cell(row, 1).Value = paragraph;
            sheet.Cell(row, 1).Style.Alignment.WrapText = true;
            sheet.Cell(row, 1).Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
            // Column widths and row heights are set by hand (AdjustToContents needs libgdiplus on Linux).
            sheet.Row(row).Height = 15 * Math.Max(1, (paragraph.Length / 110) + 1);
            row++;
        }
    }

    private void WriteYear(IXLWorksheet sheet, EditionYear year, string language)
    {
        var report = year.Report;
        sheet.Column(1).Width = 52;
        sheet.Column(2).Width = 22;
        sheet.Column(3).Width = 22;
        sheet.Column(4).Width = 30;
        sheet.Column(5).Width = 60;
        sheet.Cell(1, 1).Value = $"{year.Numeral}. {narrative.Heading(report.Year)}";
        sheet.Cell(1, 1).Style.Font.Bold = true;
        sheet.Cell(1, 1).Style.Font.FontSize = 13;
        var row = 3;
        if (!report.HasData)
        {
            sheet.Cell(row, 1).Value = narrative.NoData(report.Year);
            row += 2;
        }
        else
        {
            sheet.Cell(row, 1).Value = narrative.Summary(report);
            sheet.Range(row, 1, row, 5).Merge().Style.Alignment.WrapText = true;
            sheet.Row(row).Height = 45;
            row += 2;
            row = WriteTable(sheet, row, year, language) + 2;
            row = WriteChart(sheet, row, narrative.ProjectsChart(year.ProjectsChartNumber), localizer["Nombre de projets"].Value,
                report, r => r.Projects, r => r.ProjectsPercent, language) + 1;
            row = WriteChart(sheet, row, narrative.AmountChart(year.AmountChartNumber), localizer["Montant du soutien financier (DH)"].Value,
                report, r => r.AmountCentimes / 100m, r => r.AmountPercent, language) + 1;
        }

        sheet.Cell(row, 1).Value = narrative.ActivitiesHeading(report.Year);
        sheet.Cell(row, 1).Style.Font.Bold = true;
        row++;
        if (report.Activities.Count == 0)
        {
            sheet.Cell(row, 1).Value = localizer["Aucune activité du programme n'est enregistrée pour cette année."].Value;
            return;
        }

        string[] header = [localizer["Activité"], localizer["Détails"], localizer["Participants"], localizer["Partenaires"], localizer["Description"]];
        for (var c = 0; c < header.Length; c++)
        {
            sheet.Cell(row, c + 1).Value = header[c];
        }

        sheet.Range(row, 1, row, header.Length).Style.Font.Bold = true;
        foreach (var activity in report.Activities)
        {
            row++;
            sheet.Cell(row, 1).Value = activity.Title;
            sheet.Cell(row, 2).Value = narrative.ActivityDetails(activity);
            sheet.Cell(row, 3).Value = activity.ParticipantsDescription ?? "";
            sheet.Cell(row, 4).Value = string.Join(" · ", (activity.Partners ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            sheet.Cell(row, 5).Value = activity.Description ?? "";
            sheet.Range(row, 1, row, header.Length).Style.Alignment.WrapText = true;
            sheet.Range(row, 1, row, header.Length).Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        }
    }

    /// <summary>The published table (domain, projects, amount) with a total row of SUM formulas; returns its last row.</summary>
    private int WriteTable(IXLWorksheet sheet, int row, EditionYear year, string language)
    {
        var report = year.Report;
        sheet.Cell(row, 1).Value = narrative.TableCaption(report.Year, year.TableNumber);
        sheet.Cell(row, 1).Style.Font.Bold = true;
        var header = row + 1;
        var columns = table.Published;
        sheet.Cell(header, 1).Value = table.DomainHeader;
        for (var c = 0; c < columns.Count; c++)
        {
            sheet.Cell(header, c + 2).Value = columns[c].NumberHeader;
        }

        var last = header;
        foreach (var line in report.Rows)
        {
            last++;
            sheet.Cell(last, 1).Value = line.Names.In(language);
            for (var c = 0; c < columns.Count; c++)
            {
                var value = columns[c].OfRow(line);
                sheet.Cell(last, c + 2).Value = columns[c].Figure == BilanFigure.Amount ? value / 100m : value;
            }
        }

        var total = last + 1;
        sheet.Cell(total, 1).Value = table.TotalLabel;
        for (var c = 0; c < columns.Count; c++)
        {
            var column = sheet.Column(c + 2).ColumnLetter();
            sheet.Cell(total, c + 2).FormulaA1 = $"SUM({column}{header + 1}:{column}{last})";
        }

        sheet.Range(header + 1, 2, total, columns.Count + 1).Style.NumberFormat.Format = BilanExcelExporter.NumberFormat;
        var headerRange = sheet.Range(header, 1, header, columns.Count + 1);
        headerRange.Style.Font.Bold = true;
        headerRange.Style.Fill.BackgroundColor = XLColor.FromHtml(BilanPalette.PrimaryHex);
        headerRange.Style.Font.FontColor = XLColor.White;
        headerRange.Style.Alignment.WrapText = true;
        var totalRange = sheet.Range(total, 1, total, columns.Count + 1);
        totalRange.Style.Font.Bold = true;
        totalRange.Style.Fill.BackgroundColor = XLColor.FromHtml(BilanPalette.TotalFillHex);
        var tableRange = sheet.Range(header, 1, total, columns.Count + 1);
        tableRange.Style.Border.OutsideBorder = XLBorderStyleValues.Thin;
        tableRange.Style.Border.InsideBorder = XLBorderStyleValues.Thin;

        sheet.Cell(total + 2, 1).Value = localizer["Conventions de partenariat"].Value;
        sheet.Cell(total + 2, 2).Value = report.Conventions;
        sheet.Cell(total + 3, 1).Value = localizer["Associations partenaires"].Value;
        sheet.Cell(total + 3, 2).Value = report.Associations;
        return total + 3;
    }

    private int WriteChart(IXLWorksheet sheet, int row, string title, string valueHeader, BilanReport report,
        Func<BilanDomainRow, decimal> value, Func<BilanDomainRow, decimal> share, string language)
    {
        sheet.Cell(row, 1).Value = title;
        sheet.Cell(row, 1).Style.Font.Bold = true;
        row++;
        sheet.Cell(row, 1).Value = localizer["Domaine d'intervention"].Value;
        sheet.Cell(row, 2).Value = valueHeader;
        sheet.Cell(row, 3).Value = localizer["Part (%)"].Value;
        sheet.Range(row, 1, row, 3).Style.Font.Bold = true;
        foreach (var line in report.Rows)
        {
            row++;
            sheet.Cell(row, 1).Value = line.Names.In(language);
            sheet.Cell(row, 2).Value = value(line);
            sheet.Cell(row, 2).Style.NumberFormat.Format = BilanExcelExporter.NumberFormat;
            sheet.Cell(row, 3).Value = share(line);
            sheet.Cell(row, 3).Style.NumberFormat.Format = BilanExcelExporter.PercentFormat;
        }

        return row + 1;
    }

    /// <summary>Excel refuses sheet names over 31 characters or holding []:*?/\\.</summary>
    private static string SheetName(string name)
    {
        var clean = new string(name.Where(c => "[]:*?/\\".IndexOf(c, StringComparison.Ordinal) < 0).ToArray());
        return clean.Length <= 31 ? clean : clean[..31];
    }
}
