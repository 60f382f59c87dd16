using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Features.Shared.Lists;
using PartnershipPortal.Web.Infrastructure.Formatting;
using PartnershipPortal.Web.Infrastructure.Localization;

namespace PartnershipPortal.Web.Features.Domains;

public sealed class DomainService(PortalDbContext db, ListCache lists, IStringLocalizer<SharedResource> l)
{
    private readonly SortMap<InterventionDomain> _sorts = new SortMap<InterventionDomain>("order", false, d => d.Id)
        .Add<int>("order", d => d.DisplayOrder)
        .Add<string>("code", d => d.Code)
        .Add<string>("name", d => d.NameFr)
        .Add<bool>("active", d => d.IsActive)
        .Add<int>("projects", d => db.Projects.Count(p => p.DomainId == d.Id));

    public Task<ListPage<DomainRow>> ListAsync(DomainListQuery query, CancellationToken cancellationToken)
    {
        var domains = db.Domains.AsNoTracking();
        if (query.SearchPattern() is { } pattern)
        {
            domains = domains.Where(d => EF.Functions.Like(d.Code, pattern, "\\") || EF.Functions.Like(d.NameFr, pattern, "\\"));
        }

        if (query.Active is { } active)
        {
            domains = domains.Where(d => d.IsActive == active);
        }

        return domains.ToListPageAsync(query, _sorts, d => new DomainRow(
            d.Id, d.Code, LocalizedName.In(PortalCultures.Current, d.NameFr, d.NameAr, d.NameEn), d.DisplayOrder, d.IsActive, db.Projects.Count(p => p.DomainId == d.Id), d.Calls.Count), cancellationToken, lists);
    }

    public async Task<DomainForm?> FormAsync(int id, CancellationToken cancellationToken) =>
        await db.Domains.AsNoTracking().Where(d => d.Id == id).Select(d => new DomainForm
        {
            Version = d.Version, Code = d.Code, NameFr = d.NameFr, NameAr = d.NameAr, NameEn = d.NameEn,
            DisplayOrder = d.DisplayOrder, IsActive = d.IsActive,
        }).SingleOrDefaultAsync(cancellationToken);

    public async Task<SaveOutcome> CreateAsync(DomainForm form, CancellationToken cancellationToken)
    {
        var domain = new InterventionDomain { Code = "", NameFr = "", NameAr = "", NameEn = "" };
        db.Domains.Add(domain);
        return await ApplyAndSaveAsync(domain, form, cancellationToken);
    }

    public async Task<SaveOutcome> UpdateAsync(int id, DomainForm form, CancellationToken cancellationToken)
    {
        var domain = await db.Domains.ForUpdateAsync(db, id, form.Version, cancellationToken);
        return domain is null ? SaveOutcome.Missing() : await ApplyAndSaveAsync(domain, form, cancellationToken);
    }

    public async Task<DeleteConfirmation?> DeleteConfirmationAsync(int id, string cancelUrl, CancellationToken cancellationToken)
    {
        var facts = await db.Domains.AsNoTracking().Where(d => d.Id == id)
            .Select(d => new { d.Code, d.NameFr, d.IsActive, Calls = d.Calls.Count, Projects = db.Projects.Count(p => p.DomainId == d.Id) })
            .SingleOrDefaultAsync(cancellationToken);
        if (facts is null)
        {
            return null;
        }

        var blockers = new List<string>();
        if (facts.Projects > 0)
        {
            blockers.Add(l["{0} projet(s) relèvent de ce domaine : le supprimer fausserait les bilans.", facts.Projects]);
        }

        if (facts.Calls > 0)
        {
            blockers.Add(l["{0} appel(s) à projets portent sur ce domaine.", facts.Calls]);
        }

        return new DeleteConfirmation(l["Supprimer le domaine d'intervention"], $"{facts.Code} · {facts.NameFr}", [], blockers, "Delete", cancelUrl)
        {
            Alternative = blockers.Count > 0 && facts.IsActive
                ? ("Deactivate", l["Désactiver le domaine"], l["Un domaine désactivé reste dans l'historique et les bilans, mais n'est plus proposé pour les nouveaux projets."])
                : null,
        };
    }

    public async Task<DeleteConfirmation?> DeleteAsync(int id, string cancelUrl, CancellationToken cancellationToken)
    {
        var confirmation = await DeleteConfirmationAsync(id, cancelUrl, cancellationToken);
        if (confirmation is { CanDelete: true })
        {
            db.Domains.Remove(await db.Domains.SingleAsync(d => d.Id == id, cancellationToken));
            await db.SaveChangesAsync(cancellationToken);
        }

        return confirmation;
    }

    public async Task<bool> DeactivateAsync(int id, CancellationToken cancellationToken)
    {
        var domain = await db.Domains.SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (domain is null)
        {
            return false;
        }

        domain.IsActive = false;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private async Task<SaveOutcome> ApplyAndSaveAsync(InterventionDomain domain, DomainForm form, CancellationToken cancellationToken)
    {
        var code = form.Code!.Trim().ToUpperInvariant();
        var duplicate = await db.Domains.AsNoTracking().Where(d => d.Code == code && d.Id != domain.Id).Select(d => d.NameFr).FirstOrDefaultAsync(cancellationToken);
        if (duplicate is not null)
        {
            return SaveOutcome.Invalid(nameof(DomainForm.Code), l["Le code {0} est déjà celui du domaine « {1} ».", code, duplicate]);
        }

        domain.Code = code;
        domain.NameFr = form.NameFr!.Trim();
        domain.NameAr = form.NameAr!.Trim();
        domain.NameEn = form.NameEn!.Trim();
        domain.DisplayOrder = form.DisplayOrder;
        domain.IsActive = form.IsActive;
        return await db.SaveOrConflictAsync(domain, stored => new ConcurrencyConflict(
            l["{0} a enregistré ce domaine le {1}, après que vous l'avez ouvert.", stored.UpdatedBy ?? "?", PortalFormat.Date(stored.UpdatedAtUtc)],
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
