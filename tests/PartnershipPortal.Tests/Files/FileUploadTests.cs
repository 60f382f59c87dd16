using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Web.Features.Files;
using static PartnershipPortal.Tests.Files.FileTestKit;

namespace PartnershipPortal.Tests.Files;

/// <summary>Uploads to the association's dossier through HTTP: what is kept, and every refusal with nothing kept.</summary>
public sealed class FileUploadTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_pdf_is_kept_outside_the_web_root_with_its_metadata_and_an_audit_line()
    {
        var client = await factory.SignedInClientAsync("association@portail.test");
        var kindId = await KindIdAsync(factory, "STATUTS");
        var bytes = Pdf("statuts");

        var response = await UploadAsync(client, kindId, "statuts 2026.pdf", bytes, validUntil: null);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var file = await factory.WithDbAsync(db => db.StoredFiles.SingleAsync(f => f.Sha256 == sha));
        Assert.Equal("statuts 2026.pdf", file.FileName);
        Assert.Equal("application/pdf", file.ContentType);
        Assert.Equal(bytes.Length, file.SizeBytes);
        Assert.Equal("association@portail.test", file.UploadedBy);
        Assert.Equal(await DemoAssociationIdAsync(factory), file.OwnerAssociationId);
        Assert.Equal("DossierDocument", file.AttachedTo);
        Assert.NotNull(file.AttachedToId);

        var location = factory.Service<FileStoreLocation>();
        Assert.Equal(bytes, await File.ReadAllBytesAsync(location.PathOf(file.Id)));
        Assert.DoesNotContain("wwwroot", location.Root, StringComparison.OrdinalIgnoreCase);
        Assert.True(await factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e =>
            e.Action == AuditActions.FileUploaded && e.EntityId == file.Id.ToString() && e.UserName == "association@portail.test")));

        var page = await client.GetStringAsync(DossierUrl);
        Assert.Contains("statuts 2026.pdf", page, StringComparison.Ordinal);
    }

    /// <summary>Each refusal by name: the theory's rows are plain strings, so every runner (Stryker's too) sees one test per row.</summary>
    private static readonly Dictionary<string, (string FileName, Func<byte[]> Bytes, string Message)> RefusalCases = new()
    {
        ["an executable renamed .pdf"] = ("facture.pdf", () => Executable(), "Un programme ne peut pas être déposé, quel que soit son nom."),
        ["an HTML page"] = ("page.pdf", () => "<!DOCTYPE html><html><script>alert(1)</script></html>"u8.ToArray(), "Une page web (HTML) ne peut pas être déposée."),
        ["an SVG image"] = ("logo.pdf", () => "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"u8.ToArray(), "Une image SVG ne peut pas être déposée : utilisez PNG ou JPEG."),
        ["a password-protected Word file"] = ("statuts.docx", () => EncryptedOffice(), "Le document est protégé par un mot de passe : déposez-le sans protection."),
        ["an encrypted ODT"] = ("statuts.odt", () => Odt(encrypted: true), "Le document est protégé par un mot de passe : déposez-le sans protection."),
        ["a macro-enabled Word file renamed .docx"] = ("statuts.docx", () => MacroDocx(), "Un document contenant des macros ne peut pas être déposé."),
        ["a macro-enabled workbook renamed .xlsx"] = ("budget.xlsx", () => Zip(
            "<?xml version=\"1.0\"?><Types><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.ms-excel.sheet.macroEnabled.main+xml\"/></Types>",
            ("xl/workbook.xml", "<workbook/>"u8.ToArray())), "Un document contenant des macros ne peut pas être déposé."),
        ["an ODT carrying Basic macros"] = ("statuts.odt", () => Zip("",
            ("mimetype", "application/vnd.oasis.opendocument.text"u8.ToArray()), ("content.xml", "<office:document-content/>"u8.ToArray()),
            ("Basic/Standard/Module1.xml", "<script:module/>"u8.ToArray())), "Un document contenant des macros ne peut pas être déposé."),
        ["an archive inflating past the bound"] = ("statuts.docx", () => ZipBomb(101), "Le document se décompresse en un volume anormalement grand ; il est refusé."),
        ["a PNG named .pdf"] = ("statuts.pdf", () => Png(), "L'extension du nom ne correspond pas au contenu du fichier (PNG)."),
        ["a PDF named .docx"] = ("statuts.docx", () => Pdf(), "L'extension du nom ne correspond pas au contenu du fichier (PDF)."),
        ["a text file"] = ("statuts.txt", () => "Statuts de l'association"u8.ToArray(), "Ce type de fichier n'est pas accepté : PDF, PNG, JPEG, XLSX, DOCX ou ODT seulement."),
        ["an empty file"] = ("statuts.pdf", () => [], "Le fichier est vide."),
    };

    public static TheoryData<string> Refusals() => [.. RefusalCases.Keys];

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refused_upload_says_why_and_stores_nothing(string what)
    {
        var (fileName, content, message) = RefusalCases[what];
        var bytes = content();
        var client = await factory.SignedInClientAsync("association@portail.test");
        var kindId = await KindIdAsync(factory, "STATUTS");
        var (files, documents) = await CountsAsync();

        var response = await UploadAsync(client, kindId, fileName, bytes, validUntil: null);

        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, $"{what}: {(int)response.StatusCode}");
        Assert.Equal(message, ErrorOf(await response.Content.ReadAsStringAsync()));
        Assert.Equal((files, documents), await CountsAsync());
        AssertNothingOnDiskBut(files);
    }

    [Fact]
    public async Task Accepted_types_are_recognised_by_their_content()
    {
        var client = await factory.SignedInClientAsync("association@portail.test");
        var kindId = await KindIdAsync(factory, "BUREAU");
        foreach (var (name, bytes, type) in new[]
        {
            ("bureau.png", Png(), "image/png"),
            ("bureau.jpeg", new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0 }, "image/jpeg"),
            ("bureau.docx", Docx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            ("bureau.xlsx", Xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("bureau.odt", Odt(), "application/vnd.oasis.opendocument.text"),
        })
        {
            var response = await UploadAsync(client, kindId, name, bytes);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{name}: {(int)response.StatusCode} {ErrorOf(await response.Content.ReadAsStringAsync())}");
            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            Assert.Equal(type, await factory.WithDbAsync(db => db.StoredFiles.Where(f => f.Sha256 == sha).Select(f => f.ContentType).FirstAsync()));
        }
    }

    [Fact]
    public async Task A_refusal_is_given_in_the_pages_language()
    {
        var client = await factory.SignedInClientAsync("association@portail.test");
        var kindId = await KindIdAsync(factory, "STATUTS");

        var response = await UploadAsync(client, kindId, "facture.pdf", Executable(), validUntil: null, query: "?culture=ar");

        var arabic = ErrorOf(await response.Content.ReadAsStringAsync());
        Assert.NotEqual("", arabic);
        Assert.NotEqual("Un programme ne peut pas être déposé, quel que soit son nom.", arabic);
        Assert.Contains(arabic, c => c is >= '\u0600' and <= '\u06FF');
    }

    [Fact]
    public async Task A_missing_or_implausible_validity_date_is_refused_before_anything_is_stored()
    {
        var client = await factory.SignedInClientAsync("association@portail.test");
        var kindId = await KindIdAsync(factory, "RIB");
        var counts = await CountsAsync();

        var none = await UploadAsync(client, kindId, "rib.pdf", Pdf(), validUntil: null);
        var wrong = await UploadAsync(client, kindId, "rib.pdf", Pdf(), validUntil: "31/12/2026");
        var absurd = await UploadAsync(client, kindId, "rib.pdf", Pdf(), validUntil: "1900-01-01");

        Assert.Equal("Indiquez la date de fin de validité du document (jj/mm/aaaa).", ErrorOf(await none.Content.ReadAsStringAsync()));
        Assert.Equal("Indiquez la date de fin de validité du document (jj/mm/aaaa).", ErrorOf(await wrong.Content.ReadAsStringAsync()));
        Assert.Equal("La date de fin de validité n'est pas plausible.", ErrorOf(await absurd.Content.ReadAsStringAsync()));
        Assert.Equal(counts, await CountsAsync());
    }

    [Fact]
    public async Task An_upload_without_its_antiforgery_token_is_refused_before_the_file_is_read()
    {
        var client = await factory.SignedInClientAsync("association@portail.test");
        var counts = await CountsAsync();
        using var form = new MultipartFormDataContent
        {
            { new StringContent((await KindIdAsync(factory, "STATUTS")).ToString(System.Globalization.CultureInfo.InvariantCulture)), "KindId" },
            { new ByteArrayContent(Pdf()), "File", "statuts.pdf" },
        };

        var response = await client.PostAsync(DossierUrl, form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(counts, await CountsAsync());
    }

    [Fact]
    public async Task The_stored_name_is_sanitized()
    {
        var client = await factory.SignedInClientAsync("association@portail.test");
        var kindId = await KindIdAsync(factory, "PV-AG");
        var bytes = Pdf("pv");

        // A path, a control character and a right-to-left override that would show "pv-fdp.exe" as "pv-exe.pdf".
        var response = await UploadAsync(client, kindId, "..\\..\\App_Data\\pv\u0007-\u202Efdp.exe.pdf", bytes);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.Equal("pv-fdp.exe.pdf", await factory.WithDbAsync(db => db.StoredFiles.Where(f => f.Sha256 == sha).Select(f => f.FileName).SingleAsync()));
    }

    [Fact]
    public async Task Two_uploads_of_the_same_file_at_once_both_keep_a_version_and_one_is_current()
    {
        var clientA = await factory.SignedInClientAsync("association@portail.test");
        var clientB = await factory.SignedInClientAsync("association@portail.test");
        var kindId = await KindIdAsync(factory, "RAPPORT");
        var associationId = await DemoAssociationIdAsync(factory);
        var bytes = Pdf("rapport");
        var before = await factory.WithDbAsync(db => db.DossierDocuments.CountAsync(d => d.AssociationId == associationId && d.DocumentKindId == kindId));

        var responses = await Task.WhenAll(
            UploadAsync(clientA, kindId, "rapport.pdf", bytes),
            UploadAsync(clientB, kindId, "rapport.pdf", bytes));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var files = await factory.WithDbAsync(db => db.StoredFiles.Where(f => f.Sha256 == sha).Select(f => f.Id).ToListAsync());
        Assert.Equal(2, files.Distinct().Count());
        var versions = await factory.WithDbAsync(db => db.DossierDocuments
            .Where(d => d.AssociationId == associationId && d.DocumentKindId == kindId).OrderBy(d => d.VersionNumber)
            .Select(d => new { d.VersionNumber, d.IsCurrent, d.StoredFileId }).ToListAsync());
        Assert.Equal(before + 2, versions.Count);
        Assert.Equal(Enumerable.Range(1, versions.Count), versions.Select(v => v.VersionNumber));
        Assert.Single(versions, v => v.IsCurrent);
        Assert.True(versions[^1].IsCurrent);
        Assert.Subset(files.ToHashSet(), versions.TakeLast(2).Select(v => v.StoredFileId).ToHashSet());

        var location = factory.Service<FileStoreLocation>();
        Assert.All(files, id => Assert.Equal(bytes, File.ReadAllBytes(location.PathOf(id))));
    }

    private Task<(int Files, int Documents)> CountsAsync() =>
        factory.WithDbAsync(async db => (await db.StoredFiles.CountAsync(), await db.DossierDocuments.CountAsync()));

    private void AssertNothingOnDiskBut(int files)
    {
        var location = factory.Service<FileStoreLocation>();
        var onDisk = Directory.GetDirectories(location.Root).Where(d => !d.EndsWith(".incoming", StringComparison.Ordinal))
            .Sum(d => Directory.GetFiles(d).Length);
        Assert.Equal(files, onDisk);
        Assert.Empty(Directory.Exists(location.Incoming) ? Directory.GetFiles(location.Incoming) : []);
    }
}
