using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Features.Shared.Lists;
using PartnershipPortal.Web.Infrastructure.Formatting;
using PartnershipPortal.Web.Infrastructure.Localization;

namespace PartnershipPortal.Web.Features.DocumentKinds;

/// <summary>
/// The kinds of document of the legal dossier. A kind is never deleted once documents use it: the administrator
/// deactivates it, and it stops counting in every dossier's state.
/// </summary>
public sealed class DocumentKindService(PortalDbContext db, ListCache lists, IStringLocalizer<SharedResource> l)
{
    private readonly SortMap<DocumentKind> _sorts = new SortMap<DocumentKind>("order", false, k => k.Id)
        .Add("order", k => k.DisplayOrder)
        .Add("code", k => k.Code)
        .Add("name", k => k.NameFr)
        .Add("active", k => k.IsActive);

    public Task<ListPage<DocumentKindRow>> ListAsync(DocumentKindListQuery query, CancellationToken cancellationToken)
    {
        var kinds = db.DocumentKinds.AsNoTracking();
        if (query.SearchPattern() is { } pattern)
        {
            kinds = kinds.Where(k => EF.Functions.Like(k.Code, pattern, "\\") || EF.Functions.Like(k.NameFr, pattern, "\\")
                || EF.Functions.Like(k.NameAr, pattern, "\\") || EF.Functions.Like(k.NameEn, pattern, "\\"));
        }

        if (query.Active is { } active)
        {
            kinds = kinds.Where(k => k.IsActive == active);
        }

        return kinds.ToListPageAsync(query, _sorts, k => new DocumentKindRow(
            k.Id, k.Code,
            LocalizedName.In(PortalCultures.Current, k.NameFr, k.NameAr, k.NameEn),
            k.HasValidity, k.IsRequired, k.IsActive, k.DisplayOrder,
            db.DossierDocuments.Count(d => d.DocumentKindId == k.Id && d.IsCurrent)), cancellationToken, lists);
    }

    public async Task<DocumentKindForm?> FormAsync(int id, CancellationToken cancellationToken) =>
        await db.DocumentKinds.AsNoTracking().Where(k => k.Id == id).Select(k => new DocumentKindForm
        {
            Version = k.Version, Code = k.Code, NameFr = k.NameFr, NameAr = k.NameAr, NameEn = k.NameEn,
            DisplayOrder = k.DisplayOrder, HasValidity = k.HasValidity, IsRequired = k.IsRequired, IsActive = k.IsActive,
        }).SingleOrDefaultAsync(cancellationToken);

    public async Task<SaveOutcome> CreateAsync(DocumentKindForm form, CancellationToken cancellationToken)
    {
        var kind = new DocumentKind { Code = "", NameFr = "", NameAr = "", NameEn = "" };
        db.DocumentKinds.Add(kind);
        return await ApplyAndSaveAsync(kind, form, cancellationToken);
    }

    public async Task<SaveOutcome> UpdateAsync(int id, DocumentKindForm form, CancellationToken cancellationToken)
    {
        var kind = await db.DocumentKinds.ForUpdateAsync(db, id, form.Version, cancellationToken);
        return kind is null ? SaveOutcome.Missing() : await ApplyAndSaveAsync(kind, form, cancellationToken);
    }

    private async Task<SaveOutcome> ApplyAndSaveAsync(DocumentKind kind, DocumentKindForm form, CancellationToken cancellationToken)
    {
        var code = form.Code!.Trim().ToUpperInvariant();
        var duplicate = await db.DocumentKinds.AsNoTracking().Where(k => k.Code == code && k.Id != kind.Id).Select(k => k.NameFr)
            .FirstOrDefaultAsync(cancellationToken);
        if (duplicate is not null)
        {
            return SaveOutcome.Invalid(nameof(DocumentKindForm.Code), l["Le code {0} est déjà celui de la pièce « {1} ».", code, duplicate]);
        }

        kind.Code = code;
        kind.NameFr = form.NameFr!.Trim();
        kind.NameAr = form.NameAr!.Trim();
        kind.NameEn = form.NameEn!.Trim();
        kind.DisplayOrder = form.DisplayOrder;
        kind.HasValidity = form.HasValidity;
        kind.IsRequired = form.IsRequired;
        kind.IsActive = form.IsActive;
        return await db.SaveOrConflictAsync(kind, stored => new ConcurrencyConflict(
            l["{0} a enregistré cette pièce le {1}, après que vous l'avez ouverte.", stored.UpdatedBy ?? "?", PortalFormat.Date(stored.UpdatedAtUtc)],
            stored.Version,
            [
                new(l["Code"], stored.Code, form.Code ?? ""),
                new(l["Nom en français"], stored.NameFr, form.NameFr ?? ""),
                new(l["Nom en arabe"], stored.NameAr, form.NameAr ?? ""),
                new(l["Nom en anglais"], stored.NameEn, form.NameEn ?? ""),
                new(l["Actif"], stored.IsActive ? l["Oui"] : l["Non"], form.IsActive ? l["Oui"] : l["Non"]),
            ]), cancellationToken);
    }
}
