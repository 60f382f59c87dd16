using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Bilan;
using PartnershipPortal.Web.Features.Bilan.Pdf;
using PartnershipPortal.Web.Features.Payments;
using PartnershipPortal.Web.Infrastructure.Formatting;
using PartnershipPortal.Web.Infrastructure.Localization;
using SkiaSharp;

namespace PartnershipPortal.Web.Features.Reports;

/// <summary>
/// The association's statement for its own accounts and auditors, in the reader's language: each signed convention,
/// its payments (reversing entries included, as recorded) and its approved reports. Drawn with the bilan's PDF engine.
/// </summary>
public sealed class StatementPdf(PortalDbContext db, PaymentService payments, BilanFonts fonts, TimeProvider time, IStringLocalizer<SharedResource> l)
{
    private static readonly SKColor Ink = new(0x1d, 0x26, 0x22);
    private static readonly SKColor Muted = new(0x55, 0x5f, 0x5a);

    public async Task<byte[]?> ExportAsync(int associationId, CancellationToken cancellationToken)
    {
        var association = await db.Associations.AsNoTracking().Where(a => a.Id == associationId)
            .Select(a => new { a.Name, a.NameAr, a.RegistrationNumber }).SingleOrDefaultAsync(cancellationToken);
        if (association is null)
        {
            return null;
        }

        var language = PortalCultures.Current;
        var conventions = await db.Conventions.AsNoTracking()
            .Where(c => c.AssociationId == associationId && Convention.SignedStatuses.Contains(c.Status))
            .OrderBy(c => c.BudgetYear).ThenBy(c => c.Sequence)
            .Select(c => new { c.Id, c.Reference, c.SigningDate, c.TotalCentimes, c.Status }).ToListAsync(cancellationToken);
        var ids = conventions.Select(c => c.Id).ToList();
        var approved = await db.ConventionReports.AsNoTracking()
            .Where(r => ids.Contains(r.ConventionId) && r.Status == ReportStatus.Approved).OrderBy(r => r.ApprovedAtUtc)
            .Select(r => new { r.ConventionId, r.Kind, r.ApprovedAtUtc }).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;

        using var writer = new PdfPageWriter(fonts, PortalCultures.IsRightToLeft(language));
        using var small = writer.Font(8.5f);
        using var body = writer.Font(10f);
        using var bodyBold = writer.Font(9.5f, bold: true);
        using var title = writer.Font(15f, bold: true);

        writer.Text(l["Royaume du Maroc · Portail du partenariat associatif"], PdfPageWriter.Left, writer.Y + 8.5f, small, Muted);
        writer.Y += 24;
        writer.Paragraph(l["Relevé des conventions, des paiements et des rapports"], title, BilanPalette.Primary, spacingAfter: 6);
        var name = language == PortalCultures.Arabic && !string.IsNullOrWhiteSpace(association.NameAr) ? association.NameAr : association.Name;
        writer.Paragraph(l["{0} · récépissé {1}", name, association.RegistrationNumber ?? ""], bodyBold, Ink, spacingAfter: 4);
        writer.Paragraph(l["Arrêté au {0}", PortalFormat.Date(now)], body, Muted, spacingAfter: 14);

        long totalPaid = 0;
        foreach (var c in conventions)
        {
            var tranches = await payments.TranchesAsync(c.Id, cancellationToken);
            var paid = tranches.Sum(t => t.PaidCentimes);
            totalPaid += paid;
            writer.EnsureSpace(60);
            writer.Paragraph(l["Convention {0}, signée le {1} · montant {2} · reçu {3}",
                c.Reference, PortalFormat.Date(c.SigningDate), PortalFormat.Dirhams(c.TotalCentimes, language), PortalFormat.Dirhams(paid, language)], bodyBold, Ink, spacingAfter: 4);
            foreach (var t in tranches)
            {
                foreach (var p in t.Payments)
                {
                    writer.Paragraph(p.ReversesPaymentId is null
                        ? l["{0} · tranche {1} · paiement {2}", PortalFormat.Date(p.PaidOn), t.Number, PortalFormat.Dirhams(p.AmountCentimes, language)]
                        : l["{0} · tranche {1} · contrepassation {2} ({3})", PortalFormat.Date(p.PaidOn), t.Number, PortalFormat.Dirhams(p.AmountCentimes, language), p.Reason ?? ""],
                        body, Ink, indent: 14, spacingAfter: 2);
                }
            }

            foreach (var r in approved.Where(r => r.ConventionId == c.Id))
            {
                writer.Paragraph(l["{0} approuvé le {1}", l[PaymentText.Of(r.Kind)], PortalFormat.Date(r.ApprovedAtUtc)], body, Ink, indent: 14, spacingAfter: 2);
            }

            writer.Y += 10;
        }

        if (conventions.Count == 0)
        {
            writer.Paragraph(l["Aucune convention signée."], body, Ink);
        }

        writer.Paragraph(l["Total reçu : {0}", PortalFormat.Dirhams(totalPaid, language)], bodyBold, Ink, spacingAfter: 4);

        using var output = new MemoryStream();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = l["Relevé des conventions, des paiements et des rapports"],
            Author = l["Portail du partenariat associatif"],
            Creator = "PartnershipPortal",
            Producer = "PartnershipPortal (SkiaSharp)",
            Creation = now,
            Modified = now,
        };
        writer.WritePdf(output, metadata,
            string.Format(CultureInfo.InvariantCulture, l["Généré le {0} à {1} UTC"], PortalFormat.Date(now), now.ToString("HH:mm", CultureInfo.InvariantCulture)),
            (page, total) => string.Format(CultureInfo.InvariantCulture, l["Page {0} / {1}"], page, total));
        return output.ToArray();
    }
}
