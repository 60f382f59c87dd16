using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Conventions;
using PartnershipPortal.Web.Features.Shared;
using PartnershipPortal.Web.Features.Shared.Lists;
using PartnershipPortal.Web.Infrastructure.Formatting;
using PartnershipPortal.Web.Infrastructure.Localization;

namespace PartnershipPortal.Web.Features.Projects;

public sealed class ProjectService(PortalDbContext db, RecordSearch search, ListCache lists, IStringLocalizer<SharedResource> l)
{
    private static readonly SortMap<Project> Sorts = new SortMap<Project>("year", true, p => p.Id)
        .Add<string>("title", p => p.Title, onIndex: true)
        .Add<int>("convention", p => p.BudgetYear * 10000 + p.Convention!.Sequence)
        .Add<string>("association", p => p.Convention!.Association!.Name)
        .Add<int>("domain", p => p.Domain!.DisplayOrder)
        .Add<string>("city", p => p.City)
        .Add<int>("year", p => p.BudgetYear, onIndex: true)
        .Add<ProjectStatus>("status", p => p.Status, onIndex: true)
        .Add<long>("amount", p => p.AmountCentimes, onIndex: true);

    public async Task<(ListPage<ProjectRow> Page, long TotalCentimes)> ListAsync(ProjectListQuery query, CancellationToken cancellationToken)
    {
        var projects = Filter(db.Projects.AsNoTracking(), query);
        var page = await projects.ToListPageAsync(
            query, Sorts, Row, cancellationToken, lists, db.Projects.AsNoTracking(),
            search.PlannerNeedsWalkHint ? () => Filter(db.Projects.AsNoTracking(), query, walkSortIndex: true) : null);
        var total = await lists.GetAsync(nameof(Project), query, "amount", ct => projects.SumAsync(p => p.AmountCentimes, ct), cancellationToken);
        return (page, total);
    }

    public IReadOnlyList<ExportColumn> ExportColumns(IStringLocalizer l) =>
    [
        new(l["Projet"]), new(l["Convention"]), new(l["Association"]), new(l["Domaine"]), new(l["Ville"]),
        new(l["Année"], ExportKind.Number), new(l["Statut"]), new(l["Montant"], ExportKind.Amount),
    ];

    /// <summary>Every project of the list, filtered and sorted as on screen, read as it is written.</summary>
    public async IAsyncEnumerable<object?[]> ExportRowsAsync(ProjectListQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var statuses = Enum.GetValues<ProjectStatus>().ToDictionary(s => s, s => (string)l[RecordText.Of(s)]);
        var rows = Sorts.Apply(Filter(db.Projects.AsNoTracking(), query), query.Sort, query.Desc).Query.Select(Row).AsAsyncEnumerable();
        await foreach (var r in rows.WithCancellation(cancellationToken))
        {
            yield return [r.Title, r.ConventionReference, r.Association, r.Domain, r.City, r.BudgetYear, statuses[r.Status], r.AmountCentimes];
        }
    }

    /// <summary>What the list shows of a project; the export writes the same.</summary>
    private static readonly System.Linq.Expressions.Expression<Func<Project, ProjectRow>> Row = p => new ProjectRow(
            p.Id, p.Title, p.ConventionId, p.Convention!.Reference, p.Convention.AssociationId, LocalizedName.In(PortalCultures.Current, p.Convention.Association!.Name, p.Convention.Association!.NameAr),
            LocalizedName.In(PortalCultures.Current, p.Domain!.NameFr, p.Domain!.NameAr, p.Domain!.NameEn), p.City, p.BudgetYear, p.Status, p.AmountCentimes);

    public async Task<ProjectDetails?> DetailsAsync(int id, CancellationToken cancellationToken) =>
        await db.Projects.AsNoTracking().Where(p => p.Id == id).Select(p => new ProjectDetails
        {
            Id = p.Id, Title = p.Title, ConventionId = p.ConventionId, ConventionReference = p.Convention!.Reference,
            ConventionStatus = p.Convention.Status, AssociationId = p.Convention.AssociationId, Association = LocalizedName.In(PortalCultures.Current, p.Convention.Association!.Name, p.Convention.Association!.NameAr),
            Domain = LocalizedName.In(PortalCultures.Current, p.Domain!.NameFr, p.Domain!.NameAr, p.Domain!.NameEn), City = p.City, Region = p.Region, BudgetYear = p.BudgetYear, BeneficiariesCount = p.BeneficiariesCount,
            BeneficiariesDescription = p.BeneficiariesDescription, StartDate = p.StartDate, EndDate = p.EndDate, Status = p.Status,
            AmountCentimes = p.AmountCentimes, UpdatedAtUtc = p.UpdatedAtUtc, UpdatedBy = p.UpdatedBy,
        }).SingleOrDefaultAsync(cancellationToken);

    /// <summary>The form, with the association's region: the region proposed for a city the map does not know.</summary>
    public async Task<(int ConventionId, string Reference, Region AssociationRegion, ProjectForm Form)?> FormAsync(int id, CancellationToken cancellationToken)
    {
        var project = await db.Projects.AsNoTracking().Include(p => p.Convention).ThenInclude(c => c!.Association)
            .SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return project is null ? null : (project.ConventionId, project.Convention!.Reference, project.Convention.Association!.Region, ToForm(project));
    }

    public async Task<SaveOutcome> UpdateAsync(int id, ProjectForm form, CancellationToken cancellationToken)
    {
        var project = await db.Projects.Include(p => p.Convention).ThenInclude(c => c!.Projects)
            .Include(p => p.Convention).ThenInclude(c => c!.Association)
            .SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (project is null)
        {
            return SaveOutcome.Missing();
        }

        if (!await db.Domains.AnyAsync(d => d.Id == form.DomainId, cancellationToken))
        {
            return SaveOutcome.Invalid(nameof(ProjectForm.DomainId), l["Ce domaine n'existe pas."]);
        }

        db.Entry(project).Property(p => p.Version).OriginalValue = form.Version;
        var convention = project.Convention!;
        var terms = (project.Title, project.DomainId, project.City, project.AmountCentimes, project.StartDate, project.EndDate);
        ConventionService.ApplyLine(form, project, convention.BudgetYear);
        // No region chosen means the one the city gives. The region is not a term of the convention: staff correct it
        // even once signed. Marked as set, so that the save does not derive it again (ProjectRegionInterceptor).
        project.Region = form.Region ?? CityRegions.Derive(project.City, convention.Association!.Region);
        db.Entry(project).Property(p => p.Region).IsModified = true;
        if (!ConventionLifecycle.CanEditTerms(convention.Status)
            && terms != (project.Title, project.DomainId, project.City, project.AmountCentimes, project.StartDate, project.EndDate))
        {
            // Signed terms change only through an amendment; the project's progress (status, beneficiaries) still changes here.
            db.ChangeTracker.Clear();
            return SaveOutcome.Refused(l["La convention {0} est signée : l'intitulé, le domaine, la ville, le montant et les dates de ce projet ne changent que par un avenant. Rien n'a été enregistré.", convention.Reference]);
        }

        convention.RecomputeTotal();
        // The convention's version moves too: someone editing the whole convention meanwhile gets a conflict, not a silent overwrite.
        db.Entry(convention).Property(c => c.UpdatedAtUtc).IsModified = true;
        return await db.SaveOrConflictAsync(
            project,
            async stored =>
            {
                var domain = await db.Domains.AsNoTracking().Where(d => d.Id == form.DomainId).Select(d => d.NameFr).SingleOrDefaultAsync(cancellationToken);
                return new ConcurrencyConflict(
                    l["{0} a enregistré ce projet le {1}, après que vous l'avez ouvert.", stored.UpdatedBy ?? "?", PortalFormat.Date(stored.UpdatedAtUtc)],
                    stored.Version,
                    [
                        new(l["Intitulé du projet"], stored.Title, form.Title ?? ""),
                        new(l["Domaine"], stored.Domain!.NameFr, domain ?? ""),
                        new(l["Ville"], stored.City, form.City ?? ""),
                        new(l["Région"], l[RecordText.Of(stored.Region)], form.Region is { } r ? l[RecordText.Of(r)] : l["D'après la ville"]),
                        new(l["Montant"], PortalFormat.Dirhams(stored.AmountCentimes), form.Amount ?? ""),
                        new(l["Statut"], l[RecordText.Of(stored.Status)], l[RecordText.Of(form.Status)]),
                    ]);
            },
            cancellationToken,
            reading: q => q.Include(p => p.Domain));
    }

    public async Task<DeleteConfirmation?> DeleteConfirmationAsync(int id, string cancelUrl, CancellationToken cancellationToken)
    {
        var facts = await db.Projects.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new { p.Title, p.AmountCentimes, p.Convention!.Reference, p.Convention.Status, Siblings = p.Convention.Projects.Count - 1 })
            .SingleOrDefaultAsync(cancellationToken);
        if (facts is null)
        {
            return null;
        }

        List<string> blockers = !ConventionLifecycle.CanEditTerms(facts.Status)
            ? [l["La convention {0} est signée : un projet ne s'en retire que par un avenant.", facts.Reference]]
            : facts.Siblings == 0
            ? [l["C'est le seul projet de la convention {0} : une convention compte au moins un projet. Supprimez la convention, ou ajoutez-lui d'abord un autre projet.", facts.Reference]]
            : [];
        return new DeleteConfirmation(
            l["Supprimer le projet"],
            facts.Title,
            [l["Le montant de la convention {0} diminuera de {1}.", facts.Reference, PortalFormat.Dirhams(facts.AmountCentimes)]],
            blockers,
            "Delete",
            cancelUrl);
    }

    public async Task<(DeleteConfirmation? Confirmation, int ConventionId)> DeleteAsync(int id, string cancelUrl, CancellationToken cancellationToken)
    {
        var confirmation = await DeleteConfirmationAsync(id, cancelUrl, cancellationToken);
        if (confirmation is not { CanDelete: true })
        {
            return (confirmation, 0);
        }

        var project = await db.Projects.Include(p => p.Convention).ThenInclude(c => c!.Projects).SingleAsync(p => p.Id == id, cancellationToken);
        var convention = project.Convention!;
        convention.Projects.Remove(project);
        db.Projects.Remove(project);
        convention.RecomputeTotal();
        db.Entry(convention).Property(c => c.UpdatedAtUtc).IsModified = true;
        await db.SaveChangesAsync(cancellationToken);
        return (confirmation, convention.Id);
    }

    /// <summary>
    /// The list's filters as a query: the page and the export read the same. With <c>walkSortIndex</c>, the search is
    /// written for reading the sort index in order (<see cref="RecordSearch.PlannerNeedsWalkHint"/>).
    /// </summary>
    public IQueryable<Project> Filter(IQueryable<Project> projects, ProjectListQuery query, bool walkSortIndex = false)
    {
        if (search.Ids(SearchIndex.Projects, query.Q) is { } ids)
        {
            projects = walkSortIndex ? projects.Where(p => ids.Contains(p.Id + 0)) : projects.Where(p => ids.Contains(p.Id));
        }

        if (query.Year is { } year)
        {
            projects = projects.Where(p => p.BudgetYear == year);
        }

        if (query.DomainId is { } domainId)
        {
            projects = projects.Where(p => p.DomainId == domainId);
        }

        if (query.Status is { } status)
        {
            projects = projects.Where(p => p.Status == status);
        }

        if (query.Region is { } region)
        {
            projects = projects.Where(p => p.Region == region);
        }

        if (!string.IsNullOrWhiteSpace(query.City))
        {
            var city = query.City.Trim();
            projects = projects.Where(p => p.City == city);
        }

        if (query.AssociationId is { } associationId)
        {
            projects = projects.Where(p => p.Convention!.AssociationId == associationId);
        }

        if (query.CallId is { } callId)
        {
            projects = projects.Where(p => p.Convention!.CallForProjectsId == callId);
        }

        return projects;
    }

    /// <summary>The stored region shows as chosen only when it differs from the one the city gives.</summary>
    private static ProjectForm ToForm(Project p) => new()
    {
        Version = p.Version,
        Title = p.Title,
        DomainId = p.DomainId,
        City = p.City,
        Region = p.Region == CityRegions.Derive(p.City, p.Convention!.Association!.Region) ? null : p.Region,
        Amount = AmountInput.ForInput(p.AmountCentimes),
        BeneficiariesCount = p.BeneficiariesCount,
        BeneficiariesDescription = p.BeneficiariesDescription,
        StartDate = p.StartDate,
        EndDate = p.EndDate,
        Status = p.Status,
    };
}
