using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace PartnershipPortal.Web.Features.Files;

/// <summary>
/// A multipart upload read as it arrives: the small fields kept, the one file written to a temporary file while it is
/// hashed and counted. Past Files:MaxBytes nothing more is written; the rest is read and thrown away so that the
/// browser still gets a page with the message (never the whole request in memory, never on disk).
/// </summary>
public sealed class ReceivedUpload : IDisposable
{
    public Dictionary<string, string> Fields { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string? TempPath { get; internal set; }

    public string? FileName { get; internal set; }

    public long Size { get; internal set; }

    public string? Sha256 { get; internal set; }

    public UploadRefusal? Refusal { get; internal set; }

    public string? Field(string name) => Fields.TryGetValue(name, out var value) ? value : null;

    public void Dispose()
    {
        if (TempPath is not null && File.Exists(TempPath))
        {
            File.Delete(TempPath);
        }
    }
}

public sealed class UploadReader(FileStoreOptions options, FileStoreLocation location, IAntiforgery antiforgery)
{
    private const int MaxFieldChars = 4096;
    private const int MaxFields = 20;

    /// <summary>How much is read and discarded after the limit before the request is simply cut.</summary>
    private const long DrainAllowance = 100L * 1024 * 1024;

    /// <summary>
    /// Null when the request is not a multipart form or its antiforgery token is missing or wrong (answer 400).
    /// The token field must come before the file, as it does in the portal's forms.
    /// </summary>
    public async Task<ReceivedUpload?> ReadAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return null;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = options.MaxBytes + DrainAllowance;
        }
        // Whatever happens next, nothing else may try to read this body as a form (an error page re-executed
        // after a refusal would, and would fail on a body half read).
        context.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
        var upload = new ReceivedUpload();
        var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024 };
        var tokenChecked = false;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data"))
                {
                    await DrainAsync(section.Body, cancellationToken);
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                var isFile = disposition.FileName.HasValue || disposition.FileNameStar.HasValue;
                if (!isFile)
                {
                    if (upload.Fields.Count < MaxFields)
                    {
                        upload.Fields[name] = await ReadFieldAsync(section.Body, cancellationToken);
                    }

                    continue;
                }

                if (!tokenChecked)
                {
                    if (!await TokenIsValidAsync(context, upload))
                    {
                        upload.Dispose();
                        return null;
                    }

                    tokenChecked = true;
                }

                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                if (upload.TempPath is not null || upload.Refusal is not null || string.IsNullOrEmpty(fileName))
                {
                    // One file per form; an empty file input sends a part without a name.
                    await DrainAsync(section.Body, cancellationToken);
                    continue;
                }

                upload.FileName = fileName;
                await ReceiveFileAsync(section.Body, upload, cancellationToken);
            }

            if (!tokenChecked && !await TokenIsValidAsync(context, upload))
            {
                upload.Dispose();
                return null;
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            // A malformed or cut multipart body.
            upload.Dispose();
            return null;
        }

        if (upload.Refusal is null && upload.TempPath is null)
        {
            upload.Refusal = new UploadRefusal(UploadProblem.NoFile);
        }

        return upload;
    }

    private async Task<bool> TokenIsValidAsync(HttpContext context, ReceivedUpload upload)
    {
        var token = upload.Field("__RequestVerificationToken");
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

        // The antiforgery service reads the request token from this header before it would try to read the form.
        context.Request.Headers["RequestVerificationToken"] = token;
        return await antiforgery.IsRequestValidAsync(context);
    }

    private async Task ReceiveFileAsync(Stream body, ReceivedUpload upload, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(location.Incoming);
        var path = Path.Combine(location.Incoming, Guid.NewGuid().ToString("N"));
        upload.TempPath = path;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long size = 0;
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
        {
            int n;
            while ((n = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                size += n;
                if (size > options.MaxBytes)
                {
                    upload.Refusal = new UploadRefusal(UploadProblem.TooLarge);
                    break;
                }

                hash.AppendData(buffer, 0, n);
                await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
            }
        }

        if (upload.Refusal is not null)
        {
            upload.Dispose();
            upload.TempPath = null;
            await DrainAsync(body, cancellationToken);
            return;
        }

        if (size == 0)
        {
            upload.Dispose();
            upload.TempPath = null;
            upload.Refusal = new UploadRefusal(UploadProblem.Empty);
            return;
        }

        upload.Size = size;
        upload.Sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static async Task<string> ReadFieldAsync(Stream body, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, 1024, leaveOpen: true);
        var buffer = new char[MaxFieldChars];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        await DrainAsync(body, cancellationToken);
        return new string(buffer, 0, read);
    }

    private static async Task DrainAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[16384];
        while (await body.ReadAsync(buffer, cancellationToken) > 0)
        {
        }
    }
}
