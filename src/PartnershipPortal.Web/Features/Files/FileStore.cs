using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Auditing;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Infrastructure.Auditing;

namespace PartnershipPortal.Web.Features.Files;

/// <summary>Where the files and the uploads in progress are on disk, resolved once from Files:Root.</summary>
public sealed class FileStoreLocation(FileStoreOptions options, IWebHostEnvironment environment)
{
    public string Root { get; } = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Root));

    /// <summary>Uploads being received, on the same volume as <see cref="Root"/> so that keeping one is a rename.</summary>
    public string Incoming => Path.Combine(Root, ".incoming");

    public string PathOf(Guid id)
    {
        var name = id.ToString("N");
        return Path.Combine(Root, name[..2], name);
    }
}

/// <summary>A file ready to be sent: its metadata and its content, opened.</summary>
public sealed record FileDownload(StoredFile File, Stream Content);

/// <summary>
/// The one store of every upload: checks a received file, keeps its bytes (disk or database) and its metadata,
/// opens it for a download, deletes it softly and purges it after the retention period. Every step is audited.
/// </summary>
public sealed class FileStore(
    PortalDbContext db, FileStoreOptions options, FileStoreLocation location, FileInspector inspector,
    AuditWriter audit, ICurrentActor actor, TimeProvider time)
{
    public const string EntityType = nameof(StoredFile);

    /// <summary>
    /// Checks and keeps a received file; nothing is stored when it is refused. <paramref name="attachedToId"/> is given
    /// when the record already exists, so that the file is never seen unattached.
    /// </summary>
    public async Task<(StoredFile? File, UploadRefusal? Refusal)> SaveAsync(
        ReceivedUpload upload, int? ownerAssociationId, string attachedTo, string? attachedToId, CancellationToken cancellationToken)
    {
        if (upload.Refusal is not null || upload.TempPath is null)
        {
            return (null, upload.Refusal ?? new UploadRefusal(UploadProblem.NoFile));
        }

        var fileName = FileNames.Sanitize(upload.FileName, "");
        var (type, refusal) = inspector.Inspect(upload.TempPath, fileName);
        if (refusal is not null)
        {
            return (null, refusal);
        }

        var file = new StoredFile
        {
            Id = Guid.NewGuid(),
            OriginalName = Truncate(upload.FileName ?? fileName, 260),
            FileName = fileName,
            ContentType = type!.ContentType,
            SizeBytes = upload.Size,
            Sha256 = upload.Sha256!,
            UploadedBy = Truncate(actor.Name ?? "système", 256),
            UploadedAtUtc = time.GetUtcNow().UtcDateTime,
            OwnerAssociationId = ownerAssociationId,
            AttachedTo = attachedTo,
            AttachedToId = attachedToId,
        };
        db.StoredFiles.Add(file);
        string? diskPath = null;
        if (options.Store == FileStorage.Database)
        {
            db.StoredFileContents.Add(new StoredFileContent { FileId = file.Id, Data = await File.ReadAllBytesAsync(upload.TempPath, cancellationToken) });
        }
        else
        {
            diskPath = location.PathOf(file.Id);
            Directory.CreateDirectory(Path.GetDirectoryName(diskPath)!);
            File.Move(upload.TempPath, diskPath);
        }

        audit.Stage(AuditActions.FileUploaded, EntityType, file.Id.ToString(), details: Details(file));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // The metadata did not commit: no orphan content either.
            if (diskPath is not null)
            {
                File.Delete(diskPath);
            }

            throw;
        }

        return (file, null);
    }

    /// <summary>The metadata of a file that is not deleted, or null.</summary>
    public Task<StoredFile?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.StoredFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id && f.DeletedAtUtc == null, cancellationToken);

    /// <summary>Opens a file for download and audits it; the caller has checked who is asking.</summary>
    public async Task<FileDownload?> OpenAsync(StoredFile file, CancellationToken cancellationToken)
    {
        Stream content;
        if (options.Store == FileStorage.Database)
        {
            var data = await db.StoredFileContents.AsNoTracking().Where(c => c.FileId == file.Id).Select(c => c.Data)
                .SingleOrDefaultAsync(cancellationToken);
            if (data is null)
            {
                return null;
            }

            content = new MemoryStream(data, writable: false);
        }
        else
        {
            var path = location.PathOf(file.Id);
            if (!File.Exists(path))
            {
                return null;
            }

            content = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }

        await audit.WriteAsync(AuditActions.FileDownloaded, EntityType, file.Id.ToString(), details: Details(file), cancellationToken: cancellationToken);
        return new FileDownload(file, content);
    }

    /// <summary>Soft delete: the file disappears from every page and download now, its content goes after the retention period.</summary>
    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var file = await db.StoredFiles.SingleOrDefaultAsync(f => f.Id == id && f.DeletedAtUtc == null, cancellationToken);
        if (file is null)
        {
            return false;
        }

        file.DeletedAtUtc = time.GetUtcNow().UtcDateTime;
        file.DeletedBy = Truncate(actor.Name ?? "système", 256);
        audit.Stage(AuditActions.FileDeleted, EntityType, file.Id.ToString(), details: Details(file));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Removes the content of the files deleted more than Files:RetentionDays ago; the metadata stays.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var limit = time.GetUtcNow().UtcDateTime.AddDays(-options.RetentionDays);
        var expired = await db.StoredFiles.Where(f => f.DeletedAtUtc != null && f.DeletedAtUtc < limit && f.PurgedAtUtc == null)
            .ToListAsync(cancellationToken);
        foreach (var file in expired)
        {
            await db.StoredFileContents.Where(c => c.FileId == file.Id).ExecuteDeleteAsync(cancellationToken);
            var path = location.PathOf(file.Id);
            if (File.Exists(path))
            {
                File.Delete(path);
            }

            file.PurgedAtUtc = time.GetUtcNow().UtcDateTime;
        }

        await db.SaveChangesAsync(cancellationToken);
        return expired.Count;
    }

    private static string Details(StoredFile file) => string.Create(CultureInfo.InvariantCulture,
        $"{file.FileName} ({file.ContentType}, {file.SizeBytes} octets, sha256 {file.Sha256}, association {file.OwnerAssociationId?.ToString(CultureInfo.InvariantCulture) ?? "-"})");

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}

/// <summary>Purges the content of long-deleted files once at start and then daily.</summary>
public sealed class FileRetentionService(IServiceScopeFactory scopes, TimeProvider time, ILogger<FileRetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromDays(1), time);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var purged = await scope.ServiceProvider.GetRequiredService<FileStore>().PurgeAsync(stoppingToken);
                if (purged > 0 && logger.IsEnabled(LogLevel.Information))
                {
                    logger.LogInformation("{Count} deleted files purged after their retention period.", purged);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Purging deleted files failed; next attempt in a day.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
