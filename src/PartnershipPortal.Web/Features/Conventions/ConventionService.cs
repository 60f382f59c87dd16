using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Associations;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Features.Shared.Lists;
using PartnershipPortal.Web.Infrastructure.Auditing;
using PartnershipPortal.Web.Infrastructure.Formatting;
using PartnershipPortal.Web.Infrastructure.Localization;

namespace PartnershipPortal.Web.Features.Conventions;

public sealed partial class ConventionService(
    PortalDbContext db, ConventionNumbering numbering, AuditWriter audit, RecordSearch search, ListCache lists, IStringLocalizer<SharedResource> l,
    Dossier.IDossierCheck dossier, IConfiguration configuration, Payments.PaymentService payments)
{
    private static readonly SortMap<Convention> Sorts = new SortMap<Convention>("reference", true, c => c.Id)
        .Add<int, int>("reference", c => c.BudgetYear, c => c.Sequence, onIndex: true)
        .Add<string>("association", c => c.Association!.Name)
        .Add<string>("call", c => c.CallForProjects!.Reference)
        .Add<DateOnly?>("signed", c => c.SigningDate, onIndex: true)
        .Add<ConventionStatus>("status", c => c.Status, onIndex: true)
        .Add<int>("projects", c => c.Projects.Count)
        .Add<long>("total", c => c.TotalCentimes, onIndex: true);

    public Task<ListPage<ConventionRow>> ListAsync(ConventionListQuery query, CancellationToken cancellationToken) =>
        Filter(db.Conventions.AsNoTracking(), query).ToListPageAsync(
            query, Sorts, Row, cancellationToken, lists, db.Conventions.AsNoTracking(),
            search.PlannerNeedsWalkHint ? () => Filter(db.Conventions.AsNoTracking(), query, walkSortIndex: true) : null);

    public IReadOnlyList<ExportColumn> ExportColumns(IStringLocalizer l) =>
    [
        new(l["Référence"]), new(l["Année"], ExportKind.Number), new(l["Association"]), new(l["Appel à projets"]),
        new(l["Signée le"]), new(l["Statut"]), new(l["Projets"], ExportKind.Number), new(l["Montant"], ExportKind.Amount),
    ];

    /// <summary>Every convention of the list, filtered and sorted as on screen, read as it is written.</summary>
    public async IAsyncEnumerable<object?[]> ExportRowsAsync(ConventionListQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var statuses = Enum.GetValues<ConventionStatus>().ToDictionary(s => s, s => (string)l[RecordText.Of(s)]);
        var rows = Sorts.Apply(Filter(db.Conventions.AsNoTracking(), query), query.Sort, query.Desc).Query.Select(Row).AsAsyncEnumerable();
        await foreach (var r in rows.WithCancellation(cancellationToken))
        {
            yield return [r.Reference, r.BudgetYear, r.Association, r.Call, r.SigningDate, statuses[r.Status], r.Projects, r.TotalCentimes];
        }
    }

    private static readonly System.Linq.Expressions.Expression<Func<Convention, ConventionRow>> Row = c => new ConventionRow(
        c.Id, c.Reference, c.BudgetYear, c.AssociationId, LocalizedName.In(PortalCultures.Current, c.Association!.Name, c.Association!.NameAr),
        c.CallForProjects == null ? null : c.CallForProjects.Reference,
        c.SigningDate, c.Status, c.Projects.Count, c.TotalCentimes);

    /// <summary>The list's filters; with <c>walkSortIndex</c>, the search written for reading the sort index in order (<see cref="RecordSearch.PlannerNeedsWalkHint"/>).</summary>
    private IQueryable<Convention> Filter(IQueryable<Convention> conventions, ConventionListQuery query, bool walkSortIndex = false)
    {
        if (search.Ids(SearchIndex.Conventions, query.Q) is { } ids)
        {
            conventions = walkSortIndex ? conventions.Where(c => ids.Contains(c.Id + 0)) : conventions.Where(c => ids.Contains(c.Id));
        }

        if (query.Year is { } year)
        {
            conventions = conventions.Where(c => c.BudgetYear == year);
        }

        if (query.Status is { } status)
        {
            conventions = conventions.Where(c => c.Status == status);
        }

        if (query.AssociationId is { } associationId)
        {
            conventions = conventions.Where(c => c.AssociationId == associationId);
        }

        if (query.CallId is { } callId)
        {
            conventions = conventions.Where(c => c.CallForProjectsId == callId);
        }

        if (query.DomainId is { } domainId)
        {
            conventions = conventions.Where(c => c.Projects.Any(p => p.DomainId == domainId));
        }

        if (query.Region is { } region)
        {
            conventions = conventions.Where(c => c.Association!.Region == region);
        }

        if (!string.IsNullOrWhiteSpace(query.City))
        {
            var city = query.City.Trim();
            conventions = conventions.Where(c => c.Association!.City == city);
        }

        return conventions;
    }

    public async Task<ConventionDetails?> DetailsAsync(int id, CancellationToken cancellationToken)
    {
        var details = await db.Conventions.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new ConventionDetails
            {
                Id = c.Id, Reference = c.Reference, BudgetYear = c.BudgetYear, AssociationId = c.AssociationId,
                Association = LocalizedName.In(PortalCultures.Current, c.Association!.Name, c.Association!.NameAr), CallId = c.CallForProjectsId,
                Call = c.CallForProjects == null ? null : c.CallForProjects.Reference + " · " + c.CallForProjects.Title,
                SigningDate = c.SigningDate, Status = c.Status, TotalCentimes = c.TotalCentimes,
                InternalNotes = c.InternalNotes, MessageToAssociation = c.MessageToAssociation,
                TerminationDate = c.TerminationDate, TerminationReason = c.TerminationReason,
                UpdatedAtUtc = c.UpdatedAtUtc, UpdatedBy = c.UpdatedBy,
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (details is not null)
        {
            details.Projects = await db.Projects.AsNoTracking().Where(p => p.ConventionId == id).OrderBy(p => p.Id)
                .Select(p => new ConventionProject(p.Id, p.Title, LocalizedName.In(PortalCultures.Current, p.Domain!.NameFr, p.Domain!.NameAr, p.Domain!.NameEn), p.City, p.BeneficiariesCount,
                    p.BeneficiariesDescription, p.StartDate, p.EndDate, p.Status, p.AmountCentimes))
                .ToListAsync(cancellationToken);
            details.Amendments = await AmendmentsAsync(db, id, cancellationToken);
        }

        return details;
    }

    /// <summary>The amendments of a convention, oldest first: read by the staff page and by the association's space.</summary>
    internal static async Task<List<AmendmentView>> AmendmentsAsync(PortalDbContext db, int conventionId, CancellationToken cancellationToken)
    {
        var amendments = await db.Amendments.AsNoTracking().Where(a => a.ConventionId == conventionId).OrderBy(a => a.Number)
            .Select(a => new { a.Id, a.Reference, a.Date, a.Reason, a.TotalBeforeCentimes, a.TotalAfterCentimes })
            .ToListAsync(cancellationToken);
        var ids = amendments.Select(a => a.Id).ToList();
        var changes = await db.Set<ConventionAmendmentChange>().AsNoTracking().Where(c => ids.Contains(c.AmendmentId)).OrderBy(c => c.Id)
            .ToListAsync(cancellationToken);
        return [.. amendments.Select(a => new AmendmentView(a.Reference, a.Date, a.Reason, a.TotalBeforeCentimes, a.TotalAfterCentimes,
            [.. changes.Where(c => c.AmendmentId == a.Id).Select(c => new AmendmentChangeView(c.Kind, c.ProjectTitle,
                c.AmountBeforeCentimes, c.AmountAfterCentimes, c.StartBefore, c.EndBefore, c.StartAfter, c.EndAfter))]))];
    }

    public Task<ConventionStatus?> StatusAsync(int id, CancellationToken cancellationToken) =>
        db.Conventions.AsNoTracking().Where(c => c.Id == id).Select(c => (ConventionStatus?)c.Status).SingleOrDefaultAsync(cancellationToken);

    public async Task<(string Reference, ConventionForm Form)?> FormAsync(int id, CancellationToken cancellationToken)
    {
        var convention = await db.Conventions.AsNoTracking().Include(c => c.Projects)
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        return convention is null ? null : (convention.Reference, ToForm(convention));
    }

    public async Task<SaveOutcome> CreateAsync(ConventionForm form, CancellationToken cancellationToken)
    {
        if (await CheckReferencesAsync(form, null, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        var year = form.BudgetYear!.Value;
        var convention = new Convention { Reference = "", BudgetYear = year };
        ApplyHeader(form, convention);
        foreach (var line in form.KeptLines)
        {
            var project = new Project { Title = "", City = "" };
            ApplyLine(line, project, year);
            convention.Projects.Add(project);
        }

        convention.RecomputeTotal();
        db.Conventions.Add(convention);
        await numbering.SaveNewAsync(convention, cancellationToken);
        return SaveOutcome.Saved(convention.Id);
    }

    public async Task<SaveOutcome> UpdateAsync(int id, ConventionForm form, CancellationToken cancellationToken)
    {
        var convention = await db.Conventions.Include(c => c.Projects).SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (convention is null)
        {
            return SaveOutcome.Missing();
        }

        if (!ConventionLifecycle.CanEditTerms(convention.Status))
        {
            return SaveOutcome.Refused(SignedTermsMessage(convention.Status));
        }

        if (form.Version != convention.Version)
        {
            return await ConflictAsync(id, form, cancellationToken);
        }

        if (await CheckReferencesAsync(form, convention, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        // The reference carries the budget year: it is fixed when the portal numbers the convention.
        form.BudgetYear = convention.BudgetYear;
        db.Entry(convention).Property(c => c.Version).OriginalValue = form.Version;
        ApplyHeader(form, convention);
        foreach (var line in form.Lines)
        {
            var existing = line.Id is { } projectId ? convention.Projects.Single(p => p.Id == projectId) : null;
            if (line.Remove)
            {
                if (existing is not null)
                {
                    // Out of the total, and deleted: a project cannot live without its convention (required key).
                    convention.Projects.Remove(existing);
                }

                continue;
            }

            if (existing is null)
            {
                existing = new Project { Title = "", City = "" };
                convention.Projects.Add(existing);
            }

            ApplyLine(line, existing, convention.BudgetYear);
        }

        convention.RecomputeTotal();
        // Saved even when only its lines changed, so that the version check covers the whole page.
        db.Entry(convention).Property(c => c.UpdatedAtUtc).IsModified = true;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return SaveOutcome.Saved(convention.Id);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await ConflictAsync(id, form, cancellationToken);
        }
    }

    public async Task<DeleteConfirmation?> DeleteConfirmationAsync(int id, string cancelUrl, CancellationToken cancellationToken)
    {
        var facts = await db.Conventions.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new { c.Reference, Association = c.Association!.Name, c.Status, Projects = c.Projects.Count, c.TotalCentimes })
            .SingleOrDefaultAsync(cancellationToken);
        if (facts is null)
        {
            return null;
        }

        List<string> blockers = Convention.SignedStatuses.Contains(facts.Status)
            ? [l["Cette convention est {0} : elle a été signée et compte dans le bilan. Une convention signée ne se supprime pas ; résiliez-la si elle prend fin avant son terme.", l[RecordText.Of(facts.Status)].Value.ToLowerInvariant()]]
            : [];
        return new DeleteConfirmation(
            l["Supprimer la convention"],
            $"{facts.Reference} · {facts.Association}",
            [l["Ses {0} projet(s), pour {1}, seront supprimés avec elle.", facts.Projects, PortalFormat.Dirhams(facts.TotalCentimes)]],
            blockers,
            "Delete",
            cancelUrl);
    }

    public async Task<DeleteConfirmation?> DeleteAsync(int id, string cancelUrl, CancellationToken cancellationToken)
    {
        var confirmation = await DeleteConfirmationAsync(id, cancelUrl, cancellationToken);
        if (confirmation is { CanDelete: true })
        {
            var convention = await db.Conventions.Include(c => c.Projects).SingleAsync(c => c.Id == id, cancellationToken);
            db.Conventions.Remove(convention);
            await db.SaveChangesAsync(cancellationToken);
        }

        return confirmation;
    }

    private async Task<SaveOutcome?> CheckReferencesAsync(ConventionForm form, Convention? convention, CancellationToken cancellationToken)
    {
        var association = await db.Associations.AsNoTracking().Where(a => a.Id == form.AssociationId)
            .Select(a => new { a.Status }).SingleOrDefaultAsync(cancellationToken);
        if (association is null)
        {
            return SaveOutcome.Invalid(nameof(ConventionForm.AssociationId), l["Cette association n'existe pas."]);
        }

        if (association.Status == AssociationStatus.Archived && convention?.AssociationId != form.AssociationId)
        {
            return SaveOutcome.Invalid(nameof(ConventionForm.AssociationId), l["Cette association est archivée : aucune nouvelle convention ne peut lui être rattachée."]);
        }

        if (form.CallForProjectsId is { } callId && !await db.Calls.AnyAsync(c => c.Id == callId, cancellationToken))
        {
            return SaveOutcome.Invalid(nameof(ConventionForm.CallForProjectsId), l["Cet appel à projets n'existe pas."]);
        }

        var domainIds = form.KeptLines.Select(x => x.DomainId!.Value).Distinct().ToList();
        var known = await db.Domains.Where(d => domainIds.Contains(d.Id)).Select(d => d.Id).ToListAsync(cancellationToken);
        foreach (var line in form.KeptLines.Where(x => !known.Contains(x.DomainId!.Value)))
        {
            return SaveOutcome.Invalid($"Lines[{line.Key}].DomainId", l["Ce domaine n'existe pas."]);
        }

        foreach (var line in form.Lines.Where(x => x.Id is not null && convention?.Projects.Any(p => p.Id == x.Id) != true))
        {
            return SaveOutcome.Invalid($"Lines[{line.Key}].Title", l["Ce projet n'appartient pas (ou plus) à cette convention : retirez la ligne et ajoutez-la de nouveau."]);
        }

        return null;
    }

    private async Task<SaveOutcome> ConflictAsync(int id, ConventionForm form, CancellationToken cancellationToken)
    {
        var stored = await db.Conventions.AsNoTracking()
            .Include(c => c.Projects).Include(c => c.Association).Include(c => c.CallForProjects)
            .SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (stored is null)
        {
            return SaveOutcome.Missing();
        }

        var names = await db.Associations.AsNoTracking().Where(a => a.Id == form.AssociationId).Select(a => a.Name).ToListAsync(cancellationToken);
        var calls = await db.Calls.AsNoTracking().Where(c => c.Id == form.CallForProjectsId).Select(c => c.Reference).ToListAsync(cancellationToken);
        var rows = new List<ConflictRow>
        {
            new(l["Association"], stored.Association!.Name, names.FirstOrDefault() ?? ""),
            new(l["Appel à projets"], stored.CallForProjects?.Reference ?? l["Hors appel"], calls.FirstOrDefault() ?? l["Hors appel"]),
            new(l["Notes internes"], stored.InternalNotes ?? "", form.InternalNotes ?? ""),
            new(l["Message à l'association"], stored.MessageToAssociation ?? "", form.MessageToAssociation ?? ""),
        };
        foreach (var project in stored.Projects.OrderBy(p => p.Id))
        {
            var mine = form.Lines.FirstOrDefault(x => x.Id == project.Id);
            rows.Add(new(l["Projet : {0}", project.Title],
                LineText(project.Title, project.AmountCentimes, project.Status),
                mine is null ? l["(absent de votre saisie)"] : mine.Remove ? l["(retiré)"] : LineText(mine)));
        }

        foreach (var mine in form.Lines.Where(x => x.Id is not null && stored.Projects.All(p => p.Id != x.Id)))
        {
            rows.Add(new(l["Projet : {0}", mine.Title ?? ""], l["(supprimé entre-temps)"], LineText(mine)));
        }

        foreach (var mine in form.Lines.Where(x => x.Id is null && !x.Remove))
        {
            rows.Add(new(l["Nouveau projet : {0}", mine.Title ?? ""], "", LineText(mine)));
        }

        var mineTotal = form.KeptLines.Sum(x => AmountInput.TryParseCentimes(x.Amount, out var c) ? c : 0);
        rows.Add(new(l["Montant total"], PortalFormat.Dirhams(stored.TotalCentimes), PortalFormat.Dirhams(mineTotal)));
        return SaveOutcome.Overtaken(new ConcurrencyConflict(
            l["{0} a enregistré la convention {1} le {2} à {3} UTC, après que vous l'avez ouverte. Rien n'a été enregistré de votre saisie.",
                stored.UpdatedBy ?? "?", stored.Reference, PortalFormat.Date(stored.UpdatedAtUtc),
                stored.UpdatedAtUtc.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)],
            stored.Version,
            rows));
    }

    private string LineText(ProjectLineForm line) =>
        AmountInput.TryParseCentimes(line.Amount, out var centimes)
            ? LineText(line.Title ?? "", centimes, line.Status)
            : $"{line.Title} · {line.Amount} · {l[RecordText.Of(line.Status)]}";

    private string LineText(string title, long centimes, ProjectStatus status) =>
        $"{title} · {PortalFormat.Dirhams(centimes)} · {l[RecordText.Of(status)]}";

    internal static ConventionForm ToForm(Convention convention) => new()
    {
        Version = convention.Version,
        BudgetYear = convention.BudgetYear,
        AssociationId = convention.AssociationId,
        CallForProjectsId = convention.CallForProjectsId,
        InternalNotes = convention.InternalNotes,
        MessageToAssociation = convention.MessageToAssociation,
        Lines = [.. convention.Projects.OrderBy(p => p.Id).Select(p => new ProjectLineForm
        {
            Key = "p" + p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Id = p.Id,
            Title = p.Title,
            DomainId = p.DomainId,
            City = p.City,
            Amount = AmountInput.ForInput(p.AmountCentimes),
            BeneficiariesCount = p.BeneficiariesCount,
            BeneficiariesDescription = p.BeneficiariesDescription,
            StartDate = p.StartDate,
            EndDate = p.EndDate,
            Status = p.Status,
        })],
    };

    private static void ApplyHeader(ConventionForm form, Convention convention)
    {
        convention.AssociationId = form.AssociationId!.Value;
        convention.CallForProjectsId = form.CallForProjectsId;
        convention.InternalNotes = AssociationService.Clean(form.InternalNotes);
        convention.MessageToAssociation = AssociationService.Clean(form.MessageToAssociation);
    }

    internal static void ApplyLine(ProjectFields line, Project project, int budgetYear)
    {
        project.Title = line.Title!.Trim();
        project.DomainId = line.DomainId!.Value;
        project.City = line.City!.Trim();
        project.AmountCentimes = AmountInput.TryParseCentimes(line.Amount, out var centimes)
            ? centimes
            : throw new InvalidOperationException("The amount was validated before saving.");
        project.BeneficiariesCount = line.BeneficiariesCount;
        project.BeneficiariesDescription = AssociationService.Clean(line.BeneficiariesDescription);
        project.StartDate = line.StartDate;
        project.EndDate = line.EndDate;
        project.Status = line.Status;
        project.BudgetYear = budgetYear;
    }
}
