using System.IO.Compression;
using System.Text;

namespace PartnershipPortal.Web.Features.Files;

/// <summary>A type the portal accepts: decided by the content, then checked against the name's extension.</summary>
public sealed record FileType(string Label, string ContentType, string Extension, string[] Extensions);

/// <summary>
/// Decides what a received file is from its bytes: the signature, and for the zip-based Office and ODT formats the
/// archive's entries (macros, encryption, inflated size). The browser's Content-Type and the name are not trusted.
/// </summary>
public sealed class FileInspector(FileStoreOptions options)
{
    public static readonly FileType Pdf = new("PDF", "application/pdf", ".pdf", [".pdf"]);
    public static readonly FileType Png = new("PNG", "image/png", ".png", [".png"]);
    public static readonly FileType Jpeg = new("JPEG", "image/jpeg", ".jpg", [".jpg", ".jpeg"]);
    public static readonly FileType Xlsx = new("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", [".xlsx"]);
    public static readonly FileType Docx = new("DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", [".docx"]);
    public static readonly FileType Odt = new("ODT", "application/vnd.oasis.opendocument.text", ".odt", [".odt"]);

    /// <summary>The extensions an upload form offers in its accept attribute.</summary>
    public const string AcceptAttribute = ".pdf,.png,.jpg,.jpeg,.xlsx,.docx,.odt";

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] OleMagic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] ElfMagic = [0x7F, 0x45, 0x4C, 0x46];
    private static readonly byte[] MachOMagic = [0xCF, 0xFA, 0xED, 0xFE];
    private static readonly byte[] EncryptionInfo = Encoding.Unicode.GetBytes("EncryptionInfo");

    public (FileType? Type, UploadRefusal? Refusal) Inspect(string path, string fileName)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.SequentialScan);
        var head = new byte[4096];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var start = head.AsSpan(0, read);

        var (type, refusal) = Detect(start, stream);
        if (refusal is not null)
        {
            return (null, refusal);
        }

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (!type!.Extensions.Contains(extension, StringComparer.Ordinal))
        {
            return (null, new UploadRefusal(UploadProblem.ExtensionMismatch, type.Label));
        }

        return (type, null);
    }

    private (FileType? Type, UploadRefusal? Refusal) Detect(ReadOnlySpan<byte> start, FileStream stream)
    {
        if (start.StartsWith(PdfMagic))
        {
            return (Pdf, null);
        }

        if (start.StartsWith(PngMagic))
        {
            return (Png, null);
        }

        if (start.StartsWith(JpegMagic))
        {
            return (Jpeg, null);
        }

        if (start.StartsWith("MZ"u8) || start.StartsWith(ElfMagic) || start.StartsWith(MachOMagic) || start.StartsWith("#!"u8))
        {
            return (null, new UploadRefusal(UploadProblem.Executable));
        }

        if (start.StartsWith(OleMagic))
        {
            // An encrypted .docx/.xlsx is an OLE container holding EncryptionInfo; any other OLE file is a legacy
            // .doc/.xls (where macros hide) and is not accepted either.
            return (null, new UploadRefusal(start.IndexOf(EncryptionInfo) >= 0 || Contains(stream, EncryptionInfo)
                ? UploadProblem.Encrypted : UploadProblem.UnknownType));
        }

        if (start.StartsWith(ZipMagic))
        {
            stream.Position = 0;
            return InspectArchive(stream);
        }

        var text = Encoding.UTF8.GetString(start).TrimStart('\uFEFF', ' ', '\t', '\r', '\n').ToLowerInvariant();
        if (text.Contains("<svg", StringComparison.Ordinal))
        {
            return (null, new UploadRefusal(UploadProblem.Svg));
        }

        if (text.StartsWith("<!doctype html", StringComparison.Ordinal) || text.Contains("<html", StringComparison.Ordinal)
            || text.Contains("<script", StringComparison.Ordinal) || text.Contains("<body", StringComparison.Ordinal))
        {
            return (null, new UploadRefusal(UploadProblem.Html));
        }

        return (null, new UploadRefusal(UploadProblem.UnknownType));
    }

    private (FileType? Type, UploadRefusal? Refusal) InspectArchive(Stream stream)
    {
        try
        {
            using var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            if (archive.Entries.Count > options.MaxArchiveEntries)
            {
                return (null, new UploadRefusal(UploadProblem.ArchiveTooLarge));
            }

            var names = archive.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (names.Any(n => n.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)
                || n.EndsWith("vbaData.xml", StringComparison.OrdinalIgnoreCase)
                || n.StartsWith("Basic/", StringComparison.OrdinalIgnoreCase)))
            {
                return (null, new UploadRefusal(UploadProblem.MacroEnabled));
            }

            // Every entry is inflated for real, counting: the sizes an archive declares can lie.
            var buffer = new byte[81920];
            long total = 0;
            string? contentTypes = null;
            string? mimetype = null;
            string? manifest = null;
            foreach (var entry in archive.Entries)
            {
                var keep = entry.FullName is "[Content_Types].xml" or "mimetype" or "META-INF/manifest.xml";
                using var entryStream = entry.Open();
                using var kept = keep ? new MemoryStream() : null;
                int n;
                while ((n = entryStream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    total += n;
                    if (total > options.MaxInflatedBytes)
                    {
                        return (null, new UploadRefusal(UploadProblem.ArchiveTooLarge));
                    }

                    if (kept is not null && kept.Length < 1024 * 1024)
                    {
                        kept.Write(buffer, 0, n);
                    }
                }

                if (kept is not null)
                {
                    var text = Encoding.UTF8.GetString(kept.GetBuffer(), 0, (int)kept.Length);
                    switch (entry.FullName)
                    {
                        case "[Content_Types].xml": contentTypes = text; break;
                        case "mimetype": mimetype = text.Trim(); break;
                        default: manifest = text; break;
                    }
                }
            }

            if (contentTypes is not null)
            {
                if (contentTypes.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase))
                {
                    return (null, new UploadRefusal(UploadProblem.MacroEnabled));
                }

                if (names.Contains("word/document.xml"))
                {
                    return (Docx, null);
                }

                if (names.Contains("xl/workbook.xml"))
                {
                    return (Xlsx, null);
                }
            }

            if (mimetype == Odt.ContentType)
            {
                return manifest is not null && manifest.Contains("encryption-data", StringComparison.Ordinal)
                    ? (null, new UploadRefusal(UploadProblem.Encrypted))
                    : (Odt, null);
            }

            return (null, new UploadRefusal(UploadProblem.UnknownType));
        }
        catch (InvalidDataException)
        {
            // A damaged archive, or entries encrypted the zip way (which the reader cannot open).
            return (null, new UploadRefusal(UploadProblem.UnknownType));
        }
        catch (NotSupportedException)
        {
            return (null, new UploadRefusal(UploadProblem.Encrypted));
        }
    }

    private static bool Contains(Stream stream, byte[] needle)
    {
        stream.Position = 0;
        var buffer = new byte[81920 + needle.Length];
        var carried = 0;
        int n;
        while ((n = stream.Read(buffer, carried, buffer.Length - carried)) > 0)
        {
            var length = carried + n;
            if (buffer.AsSpan(0, length).IndexOf(needle) >= 0)
            {
                return true;
            }

            carried = Math.Min(needle.Length - 1, length);
            Buffer.BlockCopy(buffer, length - carried, buffer, 0, carried);
        }

        return false;
    }
}
