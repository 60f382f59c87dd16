using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Dossier;
using PartnershipPortal.Web.Features.Files;

namespace PartnershipPortal.Web.Features.Applications;

public sealed record AttachmentView(Guid FileId, string FileName, long SizeBytes, DateTime UploadedAtUtc);

/// <summary>What an attachment upload became: the file, or why nothing was kept; null both when the application is not the association's.</summary>
public sealed record AttachmentResult(bool NotFound, string? Error)
{
    public static readonly AttachmentResult Missing = new(true, null);
}

/// <summary>
/// Files an association attaches to its application, kept by the file store like every upload (same checks, same
/// download route). They change only while the association may change the application: a draft before the deadline,
/// or an application the ministry found incomplete.
/// </summary>
public sealed class ApplicationAttachments(
    PortalDbContext db, FileStore store, DossierService dossier, ApplicationService applications, FileStoreOptions options,
    IStringLocalizer<SharedResource> l)
{
    public const string AttachedTo = nameof(Application);

    public long MaxMegabytes => options.MaxBytes / (1024 * 1024);

    /// <summary>The attachments as every reader of the application sees them (the association, staff, its reviewers).</summary>
    public static Task<List<AttachmentView>> ListAsync(PortalDbContext db, int applicationId, CancellationToken cancellationToken)
    {
        var key = Key(applicationId);
        return db.StoredFiles.AsNoTracking()
            .Where(f => f.AttachedTo == AttachedTo && f.AttachedToId == key && f.DeletedAtUtc == null)
            .OrderBy(f => f.UploadedAtUtc).ThenBy(f => f.FileName)
            .Select(f => new AttachmentView(f.Id, f.FileName, f.SizeBytes, f.UploadedAtUtc))
            .ToListAsync(cancellationToken);
    }

    public async Task<AttachmentResult> AttachAsync(int associationId, int applicationId, ReceivedUpload upload, CancellationToken cancellationToken)
    {
        var application = await db.Applications.AsNoTracking().Where(a => a.Id == applicationId && a.AssociationId == associationId)
            .Select(a => new { a.Status, a.CallForProjectsId }).SingleOrDefaultAsync(cancellationToken);
        if (application is null)
        {
            return AttachmentResult.Missing;
        }

        if (!Application.EditableStatuses.Contains(application.Status))
        {
            return new(false, l["Cette candidature a été déposée : ses pièces jointes ne peuvent plus changer."]);
        }

        // The same rule as the form: a draft is bound by the deadline, an incomplete application is completed after it.
        if (application.Status == ApplicationStatus.Draft && !await applications.IsOpenAsync(application.CallForProjectsId, cancellationToken))
        {
            return new(false, l["Cet appel à projets n'est plus ouvert : le fichier n'a pas été joint."]);
        }

        var (_, refusal) = await store.SaveAsync(upload, associationId, AttachedTo, Key(applicationId), cancellationToken);
        return refusal is null ? new(false, null) : new(false, dossier.Message(refusal));
    }

    /// <summary>
    /// Removes a file from a draft (softly, like every deletion of the store). Once submitted, what the ministry
    /// received stays: an incomplete application is completed by adding files, never by taking some away.
    /// </summary>
    public async Task<AttachmentResult> DetachAsync(int associationId, int applicationId, Guid fileId, CancellationToken cancellationToken)
    {
        var application = await db.Applications.AsNoTracking().Where(a => a.Id == applicationId && a.AssociationId == associationId)
            .Select(a => new { a.Status, a.CallForProjectsId }).SingleOrDefaultAsync(cancellationToken);
        var key = Key(applicationId);
        if (application is null || !await db.StoredFiles.AnyAsync(f => f.Id == fileId && f.AttachedTo == AttachedTo && f.AttachedToId == key
            && f.DeletedAtUtc == null, cancellationToken))
        {
            return AttachmentResult.Missing;
        }

        if (application.Status != ApplicationStatus.Draft)
        {
            return new(false, l["Une pièce jointe ne se retire que d'un brouillon : la candidature a été déposée."]);
        }

        if (!await applications.IsOpenAsync(application.CallForProjectsId, cancellationToken))
        {
            return new(false, l["Cet appel à projets n'est plus ouvert : le brouillon ne change plus."]);
        }

        return await store.DeleteAsync(fileId, cancellationToken) ? new(false, null) : AttachmentResult.Missing;
    }

    /// <summary>The application a stored file is attached to, when it is an application's attachment.</summary>
    public static int? ApplicationIdOf(StoredFile file) =>
        file.AttachedTo == AttachedTo && int.TryParse(file.AttachedToId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static string Key(int applicationId) => applicationId.ToString(CultureInfo.InvariantCulture);
}
