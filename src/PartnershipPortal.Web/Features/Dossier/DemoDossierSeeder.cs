using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Seeding;
using PartnershipPortal.Web.Features.Files;

namespace PartnershipPortal.Web.Features.Dossier;

/// <summary>
/// The demo association's dossier: one small PDF per required piece, through the file store like any upload, with the
/// bank certificate expired so that the demo shows a dossier that blocks a signature. Runs once (idempotent).
/// </summary>
public sealed class DemoDossierSeeder(PortalDbContext db, DossierService dossier, FileStoreLocation location, TimeProvider time)
{
    public const string ExpiredKindCode = "RIB";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var associationId = await db.Associations.Where(a => a.RegistrationNumber == DemoDataSeeder.DemoAssociationRegistrationNumber)
            .Select(a => (int?)a.Id).SingleOrDefaultAsync(cancellationToken);
        if (associationId is null || await db.DossierDocuments.AnyAsync(d => d.AssociationId == associationId, cancellationToken))
        {
            return;
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var kinds = await db.DocumentKinds.AsNoTracking().Where(k => k.IsActive && k.IsRequired).OrderBy(k => k.DisplayOrder)
            .Select(k => new { k.Id, k.Code, k.NameFr, k.HasValidity }).ToListAsync(cancellationToken);
        foreach (var kind in kinds)
        {
            var validUntil = !kind.HasValidity ? (DateOnly?)null
                : kind.Code == ExpiredKindCode ? today.AddDays(-20) : today.AddYears(1);
            using var upload = await TemporaryUploadAsync(kind.Code.ToLowerInvariant() + ".pdf", MinimalPdf(kind.NameFr), cancellationToken);
            upload.Fields["KindId"] = kind.Id.ToString(CultureInfo.InvariantCulture);
            if (validUntil is { } date)
            {
                upload.Fields["ValidUntil"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }

            var result = await dossier.UploadAsync(associationId.Value, upload, cancellationToken);
            if (result.Error is not null)
            {
                throw new InvalidOperationException($"Demo dossier: {kind.Code} refused: {result.Error}");
            }
        }
    }

    private async Task<ReceivedUpload> TemporaryUploadAsync(string name, byte[] content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(location.Incoming);
        var path = Path.Combine(location.Incoming, Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(path, content, cancellationToken);
        return new ReceivedUpload { TempPath = path, FileName = name, Size = content.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)) };
    }

    /// <summary>A one-page PDF showing <paramref name="title"/> (ASCII only, enough for a demo document).</summary>
    public static byte[] MinimalPdf(string title)
    {
        var text = new string(title.Normalize(NormalizationForm.FormD).Where(c => c < 128 && c is not '(' and not ')' and not '\\').ToArray());
        var stream = $"BT /F1 18 Tf 72 720 Td ({text}) Tj ET";
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            $"<< /Length {stream.Length} >>\nstream\n{stream}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
