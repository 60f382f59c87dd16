using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Files;
using PartnershipPortal.Web.Infrastructure.Localization;

namespace PartnershipPortal.Web.Features.Dossier;

public sealed record DossierVersion(
    int DocumentId, int VersionNumber, Guid FileId, string FileName, long SizeBytes, DateTime UploadedAtUtc, string UploadedBy,
    DateOnly? ValidUntil);

public sealed record DossierLine(
    int KindId, string KindName, bool HasValidity, bool IsRequired, DossierState State, DossierVersion? Current,
    IReadOnlyList<DossierVersion> Previous);

public sealed record DossierPage(int AssociationId, string AssociationName, DossierState State, IReadOnlyList<DossierLine> Lines)
{
    public string? Error { get; init; }

    public int? ErrorKindId { get; init; }

    public long MaxMegabytes { get; init; }
}

public sealed record DossierUploadResult(int? DocumentId, string? Error, int? KindId);

/// <summary>The association's legal dossier: its documents by kind, their versions, uploads and deletions.</summary>
public sealed class DossierService(
    PortalDbContext db, DossierCheck check, FileStore store, FileStoreOptions options, IStringLocalizer<SharedResource> l)
{
    public const string AttachedTo = nameof(DossierDocument);

    public async Task<DossierPage?> PageAsync(int associationId, bool withHistory, CancellationToken cancellationToken)
    {
        var name = await db.Associations.AsNoTracking().Where(a => a.Id == associationId)
            .Select(a => LocalizedName.In(PortalCultures.Current, a.Name, a.NameAr))
            .SingleOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return null;
        }

        var kinds = await db.DocumentKinds.AsNoTracking().Where(k => k.IsActive).OrderBy(k => k.DisplayOrder).ThenBy(k => k.Id)
            .Select(k => new { k.Id, k.NameFr, k.NameAr, k.NameEn, k.HasValidity, k.IsRequired })
            .ToListAsync(cancellationToken);
        var documents = await db.DossierDocuments.AsNoTracking()
            .Where(d => d.AssociationId == associationId && d.StoredFile!.DeletedAtUtc == null && (withHistory || d.IsCurrent))
            .OrderByDescending(d => d.VersionNumber)
            .Select(d => new
            {
                d.DocumentKindId,
                d.IsCurrent,
                Version = new DossierVersion(d.Id, d.VersionNumber, d.StoredFileId, d.StoredFile!.FileName, d.StoredFile.SizeBytes,
                    d.StoredFile.UploadedAtUtc, d.StoredFile.UploadedBy, d.ValidUntil),
            })
            .ToListAsync(cancellationToken);

        var today = check.Today;
        var lines = kinds.Select(k =>
        {
            var current = documents.FirstOrDefault(d => d.DocumentKindId == k.Id && d.IsCurrent)?.Version;
            return new DossierLine(k.Id, PortalCultures.Current switch
                {
                    PortalCultures.Arabic => k.NameAr,
                    PortalCultures.English => k.NameEn,
                    _ => k.NameFr,
                },
                k.HasValidity, k.IsRequired, DossierCheck.StateOf(current is not null, k.HasValidity, current?.ValidUntil, today), current,
                documents.Where(d => d.DocumentKindId == k.Id && !d.IsCurrent).Select(d => d.Version).ToList());
        }).ToList();
        var required = lines.Where(x => x.IsRequired).ToList();
        return new DossierPage(associationId, name, required.Count == 0 ? DossierState.Complete : required.Max(x => x.State), lines)
        {
            MaxMegabytes = options.MaxBytes / (1024 * 1024),
        };
    }

    /// <summary>Adds a version of one kind's document from a received upload; refused uploads store nothing.</summary>
    public async Task<DossierUploadResult> UploadAsync(int associationId, ReceivedUpload upload, CancellationToken cancellationToken)
    {
        if (!int.TryParse(upload.Field("KindId"), NumberStyles.None, CultureInfo.InvariantCulture, out var kindId)
            || await db.DocumentKinds.AsNoTracking().Where(k => k.Id == kindId && k.IsActive).Select(k => new { k.HasValidity })
                .SingleOrDefaultAsync(cancellationToken) is not { } kind)
        {
            return new(null, l["Choisissez le type de document."], null);
        }

        DateOnly? validUntil = null;
        var validText = upload.Field("ValidUntil");
        if (kind.HasValidity || !string.IsNullOrWhiteSpace(validText))
        {
            if (!DateOnly.TryParseExact(validText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return new(null, l["Indiquez la date de fin de validité du document (jj/mm/aaaa)."], kindId);
            }

            // A date outside the years the portal records at all is a typing slip, not a validity.
            if (!BudgetYears.Contains(parsed.Year))
            {
                return new(null, l["La date de fin de validité n'est pas plausible."], kindId);
            }

            validUntil = parsed;
        }

        var (file, refusal) = await store.SaveAsync(upload, associationId, AttachedTo, null, cancellationToken);
        if (refusal is not null)
        {
            return new(null, Message(refusal), kindId);
        }

        var documentId = await AddVersionAsync(associationId, kindId, file!.Id, validUntil, cancellationToken);
        await db.StoredFiles.Where(f => f.Id == file.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.AttachedToId, documentId.ToString(CultureInfo.InvariantCulture)), cancellationToken);
        return new(documentId, null, kindId);
    }

    public string Message(UploadRefusal refusal) => refusal.Problem switch
    {
        UploadProblem.TooLarge => l[UploadMessages.Key(refusal.Problem), l["{0} Mo", options.MaxBytes / (1024 * 1024)]],
        _ => l[UploadMessages.Key(refusal.Problem), refusal.Detail ?? ""],
    };

    /// <summary>
    /// The new version takes the next number and becomes current. Two uploads at once both read the same last number:
    /// the unique index refuses the second insert, which then retries with the number after the winner's.
    /// </summary>
    private async Task<int> AddVersionAsync(int associationId, int kindId, Guid fileId, DateOnly? validUntil, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var previous = await db.DossierDocuments
                .Where(d => d.AssociationId == associationId && d.DocumentKindId == kindId && d.IsCurrent)
                .ToListAsync(cancellationToken);
            var last = await db.DossierDocuments.Where(d => d.AssociationId == associationId && d.DocumentKindId == kindId)
                .MaxAsync(d => (int?)d.VersionNumber, cancellationToken) ?? 0;
            foreach (var document in previous)
            {
                document.IsCurrent = false;
            }

            var added = new DossierDocument
            {
                AssociationId = associationId,
                DocumentKindId = kindId,
                StoredFileId = fileId,
                VersionNumber = last + 1,
                IsCurrent = true,
                ValidUntil = validUntil,
            };
            db.DossierDocuments.Add(added);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return added.Id;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The delete confirmation of the association's current document <paramref name="documentId"/>.</summary>
    public Task<DossierVersionInfo?> CurrentDocumentAsync(int associationId, int documentId, CancellationToken cancellationToken) =>
        db.DossierDocuments.AsNoTracking()
            .Where(d => d.Id == documentId && d.AssociationId == associationId && d.IsCurrent && d.StoredFile!.DeletedAtUtc == null)
            .Select(d => new DossierVersionInfo(d.Id, d.StoredFile!.FileName,
                LocalizedName.In(PortalCultures.Current, d.DocumentKind!.NameFr, d.DocumentKind!.NameAr, d.DocumentKind!.NameEn),
                d.VersionNumber))
            .SingleOrDefaultAsync(cancellationToken);

    public Task<bool> BelongsToAnotherAssociationAsync(int associationId, int documentId, CancellationToken cancellationToken) =>
        db.DossierDocuments.AnyAsync(d => d.Id == documentId && d.AssociationId != associationId, cancellationToken);

    /// <summary>Deletes the current version (softly); the previous version still kept becomes current again.</summary>
    public async Task<bool> DeleteCurrentAsync(int associationId, int documentId, CancellationToken cancellationToken)
    {
        var document = await db.DossierDocuments
            .SingleOrDefaultAsync(d => d.Id == documentId && d.AssociationId == associationId && d.IsCurrent && d.StoredFile!.DeletedAtUtc == null, cancellationToken);
        if (document is null)
        {
            return false;
        }

        document.IsCurrent = false;
        var previous = await db.DossierDocuments
            .Where(d => d.AssociationId == associationId && d.DocumentKindId == document.DocumentKindId && d.Id != document.Id
                && d.StoredFile!.DeletedAtUtc == null)
            .OrderByDescending(d => d.VersionNumber)
            .FirstOrDefaultAsync(cancellationToken);
        if (previous is not null)
        {
            previous.IsCurrent = true;
        }

        // The store's save commits these changes with the file's deletion and its audit line.
        return await store.DeleteAsync(document.StoredFileId, cancellationToken);
    }
}

public sealed record DossierVersionInfo(int DocumentId, string FileName, string KindName, int VersionNumber);
