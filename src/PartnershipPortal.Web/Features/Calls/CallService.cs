using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Associations;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Features.Shared.Lists;
using PartnershipPortal.Web.Infrastructure.Formatting;
using PartnershipPortal.Web.Infrastructure.Localization;

namespace PartnershipPortal.Web.Features.Calls;

public sealed class CallService(PortalDbContext db, ListCache lists, IStringLocalizer<SharedResource> l) : IRecordService<CallDetails, CallForm>
{
    private static readonly SortMap<CallForProjects> Sorts = new SortMap<CallForProjects>("year", true, c => c.Id)
        .Add<string>("reference", c => c.Reference)
        .Add<string>("title", c => c.Title)
        .Add<int>("year", c => c.Year)
        .Add<DateOnly?>("deadline", c => c.Deadline)
        .Add<CallForProjectsStatus>("status", c => c.Status)
        .Add<long?>("envelope", c => c.BudgetEnvelopeCentimes)
        .Add<int>("conventions", c => c.Conventions.Count);

    public Task<ListPage<CallRow>> ListAsync(CallListQuery query, CancellationToken cancellationToken)
    {
        var calls = db.Calls.AsNoTracking();
        if (query.SearchPattern() is { } pattern)
        {
            calls = calls.Where(c => EF.Functions.Like(c.Reference, pattern, "\\") || EF.Functions.Like(c.Title, pattern, "\\"));
        }

        if (query.Year is { } year)
        {
            calls = calls.Where(c => c.Year == year);
        }

        if (query.Status is { } status)
        {
            calls = calls.Where(c => c.Status == status);
        }

        if (query.DomainId is { } domainId)
        {
            calls = calls.Where(c => c.Domains.Any(d => d.Id == domainId));
        }

        return calls.ToListPageAsync(query, Sorts, c => new CallRow(
            c.Id, c.Reference, c.Title, c.Year, c.Deadline, c.Status, c.BudgetEnvelopeCentimes,
            c.Conventions.Count,
            c.Conventions.Where(v => Convention.CountedStatuses.Contains(v.Status)).Sum(v => v.TotalCentimes)), cancellationToken, lists);
    }

    public async Task<CallDetails?> DetailsAsync(int id, CancellationToken cancellationToken)
    {
        var details = await db.Calls.AsNoTracking().Where(c => c.Id == id).Select(c => new CallDetails
        {
            Id = c.Id, Reference = c.Reference, Title = c.Title, Year = c.Year, PublicationDate = c.PublicationDate,
            Deadline = c.Deadline, BudgetEnvelopeCentimes = c.BudgetEnvelopeCentimes, MaxPerProjectCentimes = c.MaxPerProjectCentimes, Status = c.Status,
            Description = c.Description, UpdatedAtUtc = c.UpdatedAtUtc, UpdatedBy = c.UpdatedBy,
        }).SingleOrDefaultAsync(cancellationToken);
        if (details is null)
        {
            return null;
        }

        details.Domains = await db.Calls.AsNoTracking().Where(c => c.Id == id)
            .SelectMany(c => c.Domains).OrderBy(d => d.DisplayOrder).Select(d => LocalizedName.In(PortalCultures.Current, d.NameFr, d.NameAr, d.NameEn)).ToListAsync(cancellationToken);
        details.Conventions = await db.Conventions.AsNoTracking().Where(c => c.CallForProjectsId == id)
            .OrderBy(c => c.BudgetYear).ThenBy(c => c.Sequence)
            .Select(c => new CallConvention(c.Id, c.Reference, c.AssociationId, LocalizedName.In(PortalCultures.Current, c.Association!.Name, c.Association!.NameAr), c.SigningDate, c.Status, c.Projects.Count, c.TotalCentimes))
            .ToListAsync(cancellationToken);
        return details;
    }

    public async Task<CallForm?> FormAsync(int id, CancellationToken cancellationToken) =>
        await db.Calls.AsNoTracking().Where(c => c.Id == id).Select(c => new CallForm
        {
            Version = c.Version, Reference = c.Reference, Title = c.Title, Year = c.Year, PublicationDate = c.PublicationDate,
            Deadline = c.Deadline,
            BudgetEnvelope = c.BudgetEnvelopeCentimes == null ? null : AmountInput.ForInput(c.BudgetEnvelopeCentimes.Value),
            MaxPerProject = c.MaxPerProjectCentimes == null ? null : AmountInput.ForInput(c.MaxPerProjectCentimes.Value),
            Status = c.Status, Description = c.Description,
            DomainIds = c.Domains.Select(d => d.Id).ToList(),
        }).SingleOrDefaultAsync(cancellationToken);

    public async Task<SaveOutcome> CreateAsync(CallForm form, CancellationToken cancellationToken)
    {
        var call = new CallForProjects { Reference = "", Title = "" };
        db.Calls.Add(call);
        return await ApplyAndSaveAsync(call, form, cancellationToken);
    }

    public async Task<SaveOutcome> UpdateAsync(int id, CallForm form, CancellationToken cancellationToken)
    {
        var call = await db.Calls.Include(c => c.Domains).ForUpdateAsync(db, id, form.Version, cancellationToken);
        return call is null ? SaveOutcome.Missing() : await ApplyAndSaveAsync(call, form, cancellationToken);
    }

    public async Task<DeleteConfirmation?> DeleteConfirmationAsync(int id, string cancelUrl, CancellationToken cancellationToken)
    {
        var facts = await db.Calls.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new { c.Reference, c.Title, Conventions = c.Conventions.Count })
            .SingleOrDefaultAsync(cancellationToken);
        if (facts is null)
        {
            return null;
        }

        List<string> blockers = facts.Conventions > 0
            ? [l["{0} convention(s) ont été signées au titre de cet appel : il ne peut pas être supprimé. Passez-le au statut « Clos » s'il est terminé.", facts.Conventions]]
            : [];
        return new DeleteConfirmation(l["Supprimer l'appel à projets"], $"{facts.Reference} · {facts.Title}", [], blockers, "Delete", cancelUrl);
    }

    public async Task<DeleteConfirmation?> DeleteAsync(int id, string cancelUrl, CancellationToken cancellationToken)
    {
        var confirmation = await DeleteConfirmationAsync(id, cancelUrl, cancellationToken);
        if (confirmation is { CanDelete: true })
        {
            db.Calls.Remove(await db.Calls.Include(c => c.Domains).SingleAsync(c => c.Id == id, cancellationToken));
            await db.SaveChangesAsync(cancellationToken);
        }

        return confirmation;
    }

    private async Task<SaveOutcome> ApplyAndSaveAsync(CallForProjects call, CallForm form, CancellationToken cancellationToken)
    {
        var reference = form.Reference!.Trim();
        var duplicate = await db.Calls.AsNoTracking().Where(c => c.Reference == reference && c.Id != call.Id)
            .Select(c => c.Title).FirstOrDefaultAsync(cancellationToken);
        if (duplicate is not null)
        {
            return SaveOutcome.Invalid(nameof(CallForm.Reference), l["La référence {0} est déjà celle de l'appel « {1} ».", reference, duplicate]);
        }

        var domains = await db.Domains.Where(d => form.DomainIds.Contains(d.Id)).ToListAsync(cancellationToken);
        if (domains.Count != form.DomainIds.Distinct().Count())
        {
            return SaveOutcome.Invalid(nameof(CallForm.DomainIds), l["Un des domaines choisis n'existe pas."]);
        }

        call.Reference = reference;
        call.Title = form.Title!.Trim();
        call.Year = form.Year!.Value;
        call.PublicationDate = form.PublicationDate;
        call.Deadline = form.Deadline;
        call.BudgetEnvelopeCentimes = AmountInput.TryParseCentimes(form.BudgetEnvelope, out var envelope) ? envelope : null;
        call.MaxPerProjectCentimes = AmountInput.TryParseCentimes(form.MaxPerProject, out var ceiling) ? ceiling : null;
        call.Status = form.Status;
        call.Description = AssociationService.Clean(form.Description);
        call.Domains.Clear();
        foreach (var domain in domains)
        {
            call.Domains.Add(domain);
        }

        return await db.SaveOrConflictAsync(call, stored => new ConcurrencyConflict(
            l["{0} a enregistré cet appel à projets le {1}, après que vous l'avez ouvert.", stored.UpdatedBy ?? "?", PortalFormat.Date(stored.UpdatedAtUtc)],
            stored.Version,
            [
                new(l["Référence"], stored.Reference, form.Reference ?? ""),
                new(l["Intitulé"], stored.Title, form.Title ?? ""),
                new(l["Date limite de dépôt"], PortalFormat.Date(stored.Deadline), PortalFormat.Date(form.Deadline)),
                new(l["Enveloppe budgétaire"], stored.BudgetEnvelopeCentimes is { } e ? PortalFormat.Dirhams(e) : "", form.BudgetEnvelope ?? ""),
                new(l["Statut"], l[RecordText.Of(stored.Status)], l[RecordText.Of(form.Status)]),
            ]), cancellationToken);
    }
}
