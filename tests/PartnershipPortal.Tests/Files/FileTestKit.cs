using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Security;

namespace PartnershipPortal.Tests.Files;

/// <summary>Uploads the way the dossier page's form sends them, and sample files built byte by byte.</summary>
public static partial class FileTestKit
{
    public const string DossierUrl = "/MonEspace/Dossier";

    public static Task<int> KindIdAsync(PortalFactory factory, string code) =>
        factory.WithDbAsync(db => db.DocumentKinds.Where(k => k.Code == code).Select(k => k.Id).SingleAsync());

    /// <summary>Posts one file to the dossier with the token from the page, fields first as a browser does.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(
        HttpClient client, int kindId, string fileName, HttpContent fileContent, string? validUntil = "2099-12-31", string query = "")
    {
        var page = await client.GetStringAsync(DossierUrl + query);
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(HtmlForms.AntiforgeryToken(page)), "__RequestVerificationToken");
        form.Add(new StringContent(kindId.ToString(System.Globalization.CultureInfo.InvariantCulture)), "KindId");
        if (validUntil is not null)
        {
            form.Add(new StringContent(validUntil), "ValidUntil");
        }

        // A browser's own header would be trusted by nobody: say "application/pdf" whatever the bytes are.
        fileContent.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        // The name as RFC 5987 carries it, so that control characters and Arabic reach the portal byte for byte.
        var disposition = new ContentDispositionHeaderValue("form-data") { Name = "\"File\"", FileNameStar = fileName };
        fileContent.Headers.ContentDisposition = disposition;
        form.Add(fileContent);
        return await client.PostAsync(DossierUrl + query, form);
    }

    public static Task<HttpResponseMessage> UploadAsync(HttpClient client, int kindId, string fileName, byte[] bytes, string? validUntil = "2099-12-31", string query = "") =>
        UploadAsync(client, kindId, fileName, new ByteArrayContent(bytes), validUntil, query);

    public static string ErrorOf(string html)
    {
        var match = UploadError().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups["text"].Value).Trim() : "";
    }

    [GeneratedRegex("id=\"upload-error\">(?<text>[^<]*)<")]
    private static partial Regex UploadError();

    public static byte[] Pdf(string text = "Statuts") =>
        Encoding.ASCII.GetBytes($"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% {text} {Guid.NewGuid()}\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    public static byte[] Png() =>
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];

    public static byte[] Executable()
    {
        var bytes = new byte[512];
        bytes[0] = (byte)'M';
        bytes[1] = (byte)'Z';
        Encoding.ASCII.GetBytes("This program cannot be run in DOS mode.").CopyTo(bytes, 78);
        return bytes;
    }

    /// <summary>A zip laid out like an Office document: [Content_Types].xml plus the given entries.</summary>
    public static byte[] Zip(string contentTypes, params (string Name, byte[] Data)[] entries)
    {
        using var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            if (contentTypes.Length > 0)
            {
                Write(archive, "[Content_Types].xml", Encoding.UTF8.GetBytes(contentTypes));
            }

            foreach (var (name, data) in entries)
            {
                Write(archive, name, data);
            }
        }

        return memory.ToArray();
    }

    public static byte[] Docx() => Zip(
        "<?xml version=\"1.0\"?><Types><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>",
        ("word/document.xml", "<w:document/>"u8.ToArray()));

    public static byte[] MacroDocx() => Zip(
        "<?xml version=\"1.0\"?><Types><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.ms-word.document.macroEnabled.main+xml\"/></Types>",
        ("word/document.xml", "<w:document/>"u8.ToArray()), ("word/vbaProject.bin", new byte[64]));

    public static byte[] Xlsx() => Zip(
        "<?xml version=\"1.0\"?><Types><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>",
        ("xl/workbook.xml", "<workbook/>"u8.ToArray()));

    public static byte[] Odt(bool encrypted = false) => Zip("",
        ("mimetype", "application/vnd.oasis.opendocument.text"u8.ToArray()),
        ("content.xml", "<office:document-content/>"u8.ToArray()),
        ("META-INF/manifest.xml", Encoding.UTF8.GetBytes(encrypted
            ? "<manifest:manifest><manifest:file-entry manifest:full-path=\"content.xml\"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>"
            : "<manifest:manifest/>")));

    /// <summary>A docx whose document inflates to <paramref name="megabytes"/> MB of zeros (a few hundred KB compressed).</summary>
    public static byte[] ZipBomb(int megabytes) => Zip(
        "<?xml version=\"1.0\"?><Types><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>",
        ("word/document.xml", new byte[megabytes * 1024 * 1024]));

    /// <summary>What Office writes for a password-protected .docx: an OLE compound file holding EncryptionInfo.</summary>
    public static byte[] EncryptedOffice()
    {
        var bytes = new byte[4096];
        new byte[] { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 }.CopyTo(bytes, 0);
        Encoding.Unicode.GetBytes("EncryptionInfo").CopyTo(bytes, 1024);
        Encoding.Unicode.GetBytes("EncryptedPackage").CopyTo(bytes, 1152);
        return bytes;
    }

    private static void Write(ZipArchive archive, string name, byte[] data)
    {
        var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
        using var stream = entry.Open();
        stream.Write(data);
    }

    public static async Task<int> DemoAssociationIdAsync(PortalFactory factory) => await SecurityTestKit.DemoAssociationIdAsync(factory);
}

/// <summary>A request body of <paramref name="size"/> bytes made up as it is sent: the test itself holds none of it.</summary>
public sealed class GeneratedContent(long size, byte[] head) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
    {
        var buffer = new byte[64 * 1024];
        head.CopyTo(buffer, 0);
        long sent = 0;
        while (sent < size)
        {
            var n = (int)Math.Min(buffer.Length, size - sent);
            await stream.WriteAsync(buffer.AsMemory(0, n));
            if (sent == 0)
            {
                Array.Clear(buffer, 0, head.Length);
            }

            sent += n;
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = size;
        return true;
    }
}
