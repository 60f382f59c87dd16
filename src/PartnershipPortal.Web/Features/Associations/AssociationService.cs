using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Bilan;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Features.Shared.Lists;
using PartnershipPortal.Web.Infrastructure.Formatting;
using PartnershipPortal.Web.Infrastructure.Localization;

namespace PartnershipPortal.Web.Features.Associations;

public sealed class AssociationService(PortalDbContext db, RecordSearch search, ListCache lists, IStringLocalizer<SharedResource> l, Dossier.DossierCheck dossier)
{
    private static readonly SortMap<Association> Sorts = new SortMap<Association>("name", false, a => a.Id)
        .Add<string>("name", a => a.Name)
        .Add<string>("city", a => a.City)
        .Add<Region>("region", a => a.Region)
        .Add<AssociationStatus>("status", a => a.Status)
        .Add<string>("registration", a => a.RegistrationNumber)
        .Add<int>("conventions", a => a.Conventions.Count)
        .Add<long>("total", a => a.Conventions.Where(c => Convention.CountedStatuses.Contains(c.Status)).Sum(c => c.TotalCentimes));

    public Task<ListPage<AssociationRow>> ListAsync(AssociationListQuery query, CancellationToken cancellationToken) =>
        Filter(query).ToListPageAsync(query, Sorts, Row, cancellationToken, lists, db.Associations.AsNoTracking());

    public IReadOnlyList<ExportColumn> ExportColumns(IStringLocalizer l) =>
    [
        new(l["Nom"]), new(l["Sigle"]), new(l["N° d'enregistrement"]), new(l["Ville"]), new(l["Région"]), new(l["Statut"]),
        new(l["Conventions"], ExportKind.Number), new(l["Montant"], ExportKind.Amount),
    ];

    /// <summary>Every association of the list, filtered and sorted as on screen, read as it is written.</summary>
    public async IAsyncEnumerable<object?[]> ExportRowsAsync(AssociationListQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var regions = Enum.GetValues<Region>().ToDictionary(r => r, r => (string)l[RecordText.Of(r)]);
        var statuses = Enum.GetValues<AssociationStatus>().ToDictionary(s => s, s => (string)l[RecordText.Of(s)]);
        var rows = Sorts.Apply(Filter(query), query.Sort, query.Desc).Query.Select(Row).AsAsyncEnumerable();
        await foreach (var r in rows.WithCancellation(cancellationToken))
        {
            yield return [r.Name, r.Acronym, r.RegistrationNumber, r.City, regions[r.Region], statuses[r.Status], r.Conventions, r.TotalCentimes];
        }
    }

    /// <summary>What the list shows of an association; the export writes the same.</summary>
    private static readonly System.Linq.Expressions.Expression<Func<Association, AssociationRow>> Row = a => new AssociationRow(
        a.Id, LocalizedName.In(PortalCultures.Current, a.Name, a.NameAr), a.Acronym, a.RegistrationNumber, a.City, a.Region, a.Status,
        a.Conventions.Count,
        a.Conventions.Where(c => Convention.CountedStatuses.Contains(c.Status)).Sum(c => c.TotalCentimes));

    private IQueryable<Association> Filter(AssociationListQuery query)
    {
        var associations = db.Associations.AsNoTracking();
        if (search.Ids(SearchIndex.Associations, query.Q) is { } ids)
        {
            associations = associations.Where(a => ids.Contains(a.Id));
        }

        if (query.Region is { } region)
        {
            associations = associations.Where(a => a.Region == region);
        }

        if (!string.IsNullOrWhiteSpace(query.City))
        {
            var city = query.City.Trim();
            associations = associations.Where(a => a.City == city);
        }

        if (query.Status is { } status)
        {
            associations = associations.Where(a => a.Status == status);
        }

        if (query.Year is { } year)
        {
            associations = associations.Where(a => a.Conventions.Any(c => c.BudgetYear == year));
        }

        if (query.Dossier is { } dossierState)
        {
            associations = dossier.WhereState(associations, dossierState);
        }

        return associations;
    }

    public async Task<AssociationDetails?> DetailsAsync(int id, CancellationToken cancellationToken)
    {
        var details = await db.Associations.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new AssociationDetails
            {
                Id = a.Id, Name = a.Name, NameAr = a.NameAr, Acronym = a.Acronym, RegistrationNumber = a.RegistrationNumber,
                City = a.City, Region = a.Region, Address = a.Address, Phone = a.Phone, Email = a.Email,
                ContactPerson = a.ContactPerson, Status = a.Status, UpdatedAtUtc = a.UpdatedAtUtc, UpdatedBy = a.UpdatedBy,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (details is null)
        {
            return null;
        }

        details.Conventions = await db.Conventions.AsNoTracking().Where(c => c.AssociationId == id)
            .OrderByDescending(c => c.BudgetYear).ThenBy(c => c.Sequence)
            .Select(c => new AssociationConvention(c.Id, c.Reference, c.BudgetYear,
                c.CallForProjects == null ? null : c.CallForProjects.Reference, c.SigningDate, c.Status, c.Projects.Count, c.TotalCentimes))
            .ToListAsync(cancellationToken);
        details.Projects = await db.Projects.AsNoTracking().Where(p => p.Convention!.AssociationId == id)
            .OrderByDescending(p => p.BudgetYear).ThenBy(p => p.Convention!.Sequence).ThenBy(p => p.Id)
            .Select(p => new AssociationProject(p.Id, p.Convention!.Reference, p.BudgetYear, p.Title, LocalizedName.In(PortalCultures.Current, p.Domain!.NameFr, p.Domain!.NameAr, p.Domain!.NameEn), p.City, p.Status, p.AmountCentimes))
            .ToListAsync(cancellationToken);
        // Totals per year count what the bilan counts: signed, running or completed conventions, cancelled projects left out.
        var projectsPerYear = await db.Projects.AsNoTracking().Counted()
            .Where(p => p.Convention!.AssociationId == id)
            .GroupBy(p => p.BudgetYear)
            .Select(g => new { Year = g.Key, Projects = g.Count(), Amount = g.Sum(p => p.AmountCentimes) })
            .ToListAsync(cancellationToken);
        var conventionsPerYear = await db.Conventions.AsNoTracking()
            .Where(c => c.AssociationId == id && Convention.CountedStatuses.Contains(c.Status))
            .GroupBy(c => c.BudgetYear)
            .Select(g => new { Year = g.Key, Conventions = g.Count() })
            .ToDictionaryAsync(g => g.Year, g => g.Conventions, cancellationToken);
        details.Years = [.. projectsPerYear
            .Select(y => new AssociationYear(y.Year, conventionsPerYear.GetValueOrDefault(y.Year), y.Projects, y.Amount))
            .OrderByDescending(y => y.Year)];
        details.Activities = await db.Activities.AsNoTracking().Where(a => a.Associations.Any(s => s.Id == id))
            .OrderByDescending(a => a.Year).ThenByDescending(a => a.StartDate)
            .Select(a => new AssociationActivity(a.Id, a.Year, a.Kind, a.Title, a.StartDate))
            .ToListAsync(cancellationToken);
        return details;
    }

    public async Task<AssociationForm?> FormAsync(int id, CancellationToken cancellationToken) =>
        await db.Associations.AsNoTracking().Where(a => a.Id == id).Select(a => new AssociationForm
        {
            Version = a.Version, Name = a.Name, NameAr = a.NameAr, Acronym = a.Acronym, RegistrationNumber = a.RegistrationNumber,
            City = a.City, Region = a.Region, Address = a.Address, Phone = a.Phone, Email = a.Email,
            ContactPerson = a.ContactPerson, Status = a.Status,
        }).SingleOrDefaultAsync(cancellationToken);

    public async Task<SaveOutcome> CreateAsync(AssociationForm form, CancellationToken cancellationToken)
    {
        if (await DuplicateRegistrationAsync(form, null, cancellationToken) is { } duplicate)
        {
            return duplicate;
        }

        var association = new Association { Name = "", RegistrationNumber = "", City = "" };
        Apply(form, association);
        db.Associations.Add(association);
        return await SaveAsync(association, form, cancellationToken);
    }

    public async Task<SaveOutcome> UpdateAsync(int id, AssociationForm form, CancellationToken cancellationToken)
    {
        var association = await db.Associations.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (association is null)
        {
            return SaveOutcome.Missing();
        }

        if (await DuplicateRegistrationAsync(form, id, cancellationToken) is { } duplicate)
        {
            return duplicate;
        }

        db.Entry(association).Property(a => a.Version).OriginalValue = form.Version;
        Apply(form, association);
        return await SaveAsync(association, form, cancellationToken);
    }

    public async Task<DeleteConfirmation?> DeleteConfirmationAsync(int id, string cancelUrl, CancellationToken cancellationToken)
    {
        var facts = await db.Associations.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new
            {
                a.Name, a.RegistrationNumber, a.Status,
                Conventions = a.Conventions.Count,
                Activities = a.Activities.Count,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (facts is null)
        {
            return null;
        }

        var accounts = await db.Users.CountAsync(u => u.AssociationId == id, cancellationToken);
        var blockers = new List<string>();
        if (facts.Conventions > 0)
        {
            blockers.Add(l["L'association a {0} convention(s) : les supprimer effacerait l'historique des subventions et fausserait les bilans.", facts.Conventions]);
        }

        if (accounts > 0)
        {
            blockers.Add(l["{0} compte(s) utilisateur sont rattachés à cette association.", accounts]);
        }

        return new DeleteConfirmation(
            l["Supprimer l'association"],
            $"{facts.Name} ({facts.RegistrationNumber})",
            facts.Activities > 0 ? [l["Elle sera retirée des {0} activité(s) du programme auxquelles elle a participé.", facts.Activities]] : [],
            blockers,
            "Delete",
            cancelUrl)
        {
            Alternative = blockers.Count > 0 && facts.Status != AssociationStatus.Archived
                ? ("Archive", l["Archiver l'association"], l["L'archivage garde son historique et la retire des listes de choix des nouvelles conventions."])
                : null,
        };
    }

    /// <summary>Deletes when nothing depends on the association; returns the confirmation (with its blockers) otherwise.</summary>
    public async Task<DeleteConfirmation?> DeleteAsync(int id, string cancelUrl, CancellationToken cancellationToken)
    {
        var confirmation = await DeleteConfirmationAsync(id, cancelUrl, cancellationToken);
        if (confirmation is null || !confirmation.CanDelete)
        {
            return confirmation;
        }

        var association = await db.Associations.Include(a => a.Activities).SingleAsync(a => a.Id == id, cancellationToken);
        db.Associations.Remove(association);
        await db.SaveChangesAsync(cancellationToken);
        return confirmation;
    }

    public async Task<bool> ArchiveAsync(int id, CancellationToken cancellationToken)
    {
        var association = await db.Associations.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (association is null)
        {
            return false;
        }

        association.Status = AssociationStatus.Archived;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private async Task<SaveOutcome?> DuplicateRegistrationAsync(AssociationForm form, int? id, CancellationToken cancellationToken)
    {
        var number = form.RegistrationNumber!.Trim();
        var existing = await db.Associations.AsNoTracking()
            .Where(a => a.RegistrationNumber == number && a.Id != id)
            .Select(a => new { a.Name, a.City })
            .FirstOrDefaultAsync(cancellationToken);
        return existing is null
            ? null
            : SaveOutcome.Invalid(nameof(AssociationForm.RegistrationNumber),
                l["Le numéro d'enregistrement {0} est déjà celui de l'association « {1} » ({2}).", number, existing.Name, existing.City]);
    }

    private async Task<SaveOutcome> SaveAsync(Association association, AssociationForm form, CancellationToken cancellationToken)
    {
        try
        {
            return await db.SaveOrConflictAsync(association, stored => new ConcurrencyConflict(
                l["{0} a enregistré cette association le {1} à {2}, après que vous l'avez ouverte.",
                    stored.UpdatedBy ?? "?", PortalFormat.Date(stored.UpdatedAtUtc), stored.UpdatedAtUtc.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC"],
                stored.Version,
                [
                    new(l["Nom"], stored.Name, form.Name ?? ""),
                    new(l["Numéro d'enregistrement"], stored.RegistrationNumber, form.RegistrationNumber ?? ""),
                    new(l["Ville"], stored.City, form.City ?? ""),
                    new(l["Région"], l[RecordText.Of(stored.Region)], form.Region is { } r ? l[RecordText.Of(r)] : ""),
                    new(l["Téléphone"], stored.Phone ?? "", form.Phone ?? ""),
                    new(l["Courriel"], stored.Email ?? "", form.Email ?? ""),
                    new(l["Personne de contact"], stored.ContactPerson ?? "", form.ContactPerson ?? ""),
                    new(l["Statut"], l[RecordText.Of(stored.Status)], l[RecordText.Of(form.Status)]),
                ]), cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique index caught a registration number saved by someone else in the meantime.
            db.ChangeTracker.Clear();
            return await DuplicateRegistrationAsync(form, association.Id == 0 ? null : association.Id, cancellationToken)
                ?? throw new InvalidOperationException("Saving the association failed for a reason other than a duplicate.");
        }
    }

    private static void Apply(AssociationForm form, Association association)
    {
        association.Name = form.Name!.Trim();
        association.NameAr = Clean(form.NameAr);
        association.Acronym = Clean(form.Acronym);
        association.RegistrationNumber = form.RegistrationNumber!.Trim();
        association.City = form.City!.Trim();
        association.Region = form.Region!.Value;
        association.Address = Clean(form.Address);
        association.Phone = Clean(form.Phone);
        association.Email = Clean(form.Email);
        association.ContactPerson = Clean(form.ContactPerson);
        association.Status = form.Status;
    }

    internal static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
