using System.Globalization;
using System.Text;

namespace PartnershipPortal.Web.Features.Files;

/// <summary>Turns a name sent by a browser into one safe to store, show and hand back in a download.</summary>
public static class FileNames
{
    private const int MaxLength = 200;

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    public static string Sanitize(string? name, string fallbackExtension)
    {
        var text = (name ?? "").Normalize(NormalizationForm.FormC);

        // Only the last segment of a path: "..\..\web.config" or "C:\Users\x\a.pdf" keeps its file name alone.
        var slash = Math.Max(text.LastIndexOf('/'), text.LastIndexOf('\\'));
        text = text[(slash + 1)..];

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var category = char.GetUnicodeCategory(c);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator)
            {
                // Control characters, and the bidirectional overrides (U+202E...) that show "gpj.exe" as "exe.jpg".
                continue;
            }

            builder.Append(c is '<' or '>' or ':' or '"' or '|' or '?' or '*' ? '_' : c);
        }

        // Trailing dots and spaces are dropped by Windows when saving; leading ones would hide the file on Unix. The
        // extension is taken first, so that a name left as ".pdf" keeps it and gets a stem below.
        text = builder.ToString().Trim().TrimEnd('.', ' ');

        var extension = Path.GetExtension(text);
        var stem = (extension.Length > 0 ? text[..^extension.Length] : text).Trim('.', ' ');
        if (stem.Length == 0)
        {
            stem = "fichier";
        }

        if (Reserved.Contains(stem.Split('.')[0]))
        {
            stem = "_" + stem;
        }

        if (extension.Length == 0 || extension.Length > 10)
        {
            extension = fallbackExtension;
        }

        if (stem.Length + extension.Length > MaxLength)
        {
            stem = stem[..(MaxLength - extension.Length)];
            if (char.IsHighSurrogate(stem[^1]))
            {
                stem = stem[..^1];
            }
        }

        return stem + extension.ToLowerInvariant();
    }

    /// <summary>
    /// Content-Disposition for every browser: an ASCII fallback in filename, the real name in filename* (RFC 5987/6266),
    /// which is how an Arabic name arrives intact.
    /// </summary>
    public static string ContentDisposition(string fileName)
    {
        var fallback = new StringBuilder(fileName.Length);
        foreach (var c in fileName)
        {
            fallback.Append(c is >= ' ' and < (char)127 and not '"' and not '\\' and not '%' and not ';' ? c : '_');
        }

        return $"attachment; filename=\"{fallback}\"; filename*=UTF-8''{Rfc5987(fileName)}";
    }

    private static string Rfc5987(string value)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '&' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
