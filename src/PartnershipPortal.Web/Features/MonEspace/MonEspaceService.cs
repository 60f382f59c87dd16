using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Conventions;
using PartnershipPortal.Web.Infrastructure.Localization;

namespace PartnershipPortal.Web.Features.MonEspace;

public sealed record SpaceProfile(
    string Name, string? NameAr, string? Acronym, string RegistrationNumber, string City, Region Region,
    string? Address, string? Phone, string? Email, string? ContactPerson, AssociationStatus Status);

public sealed record SpaceConvention(
    int Id, string Reference, int BudgetYear, string? CallTitle, DateOnly? SigningDate, ConventionStatus Status,
    long TotalCentimes, int ProjectCount);

public sealed record SpaceActivity(string Title, ActivityKind Kind, int Year, DateOnly? StartDate, DateOnly? EndDate, string? Place);

public sealed record SpaceYear(int Year, IReadOnlyList<SpaceConvention> Conventions)
{
    public long TotalCentimes => Conventions.Where(c => Convention.CountedStatuses.Contains(c.Status)).Sum(c => c.TotalCentimes);
}

public sealed record SpaceViewModel(SpaceProfile Profile, IReadOnlyList<SpaceYear> Years, IReadOnlyList<SpaceActivity> Activities);

public sealed record SpaceProject(
    string Title, string Domain, string City, int? BeneficiariesCount, string? BeneficiariesDescription,
    long AmountCentimes, DateOnly? StartDate, DateOnly? EndDate, ProjectStatus Status);

/// <summary>What the association reads of one signed convention: never its internal notes.</summary>
public sealed record SpaceConventionDetails(
    SpaceConvention Convention, string? MessageToAssociation, DateOnly? TerminationDate, string? TerminationReason,
    IReadOnlyList<SpaceProject> Projects, IReadOnlyList<AmendmentView> Amendments)
{
    public AmendmentHistory History => new(Convention.SigningDate,
        Amendments.Count == 0 ? Convention.TotalCentimes : Amendments[0].TotalBeforeCentimes, Amendments);
}

/// <summary>
/// The association's read-only space. Every query starts from the association id of the signed-in account,
/// so another association's record is simply not found.
/// </summary>
public sealed class MonEspaceService(PortalDbContext db)
{
    public async Task<SpaceViewModel?> GetSpaceAsync(int associationId, CancellationToken cancellationToken)
    {
        var profile = await db.Associations.AsNoTracking()
            .Where(a => a.Id == associationId)
            .Select(a => new SpaceProfile(a.Name, a.NameAr, a.Acronym, a.RegistrationNumber, a.City, a.Region,
                a.Address, a.Phone, a.Email, a.ContactPerson, a.Status))
            .SingleOrDefaultAsync(cancellationToken);
        if (profile is null)
        {
            return null;
        }

        var conventions = await Conventions(associationId)
            .OrderByDescending(c => c.BudgetYear).ThenBy(c => c.Reference)
            .Select(ToRow)
            .ToListAsync(cancellationToken);
        var activities = await db.Activities.AsNoTracking()
            .Where(a => a.Associations.Any(s => s.Id == associationId))
            .OrderByDescending(a => a.Year).ThenBy(a => a.StartDate).ThenBy(a => a.Title)
            .Select(a => new SpaceActivity(a.Title, a.Kind, a.Year, a.StartDate, a.EndDate, a.Place))
            .ToListAsync(cancellationToken);

        var years = conventions.GroupBy(c => c.BudgetYear)
            .Select(g => new SpaceYear(g.Key, g.ToList()))
            .ToList();
        return new SpaceViewModel(profile, years, activities);
    }

    public async Task<SpaceConventionDetails?> GetConventionAsync(int associationId, int conventionId, CancellationToken cancellationToken)
    {
        var convention = await Conventions(associationId).Where(c => c.Id == conventionId).Select(ToRow).SingleOrDefaultAsync(cancellationToken);
        if (convention is null)
        {
            return null;
        }

        var terms = await Conventions(associationId)
            .Where(c => c.Id == conventionId)
            .Select(c => new { c.MessageToAssociation, c.TerminationDate, c.TerminationReason })
            .SingleAsync(cancellationToken);
        var projects = await db.Projects.AsNoTracking()
            .Where(p => p.ConventionId == conventionId && p.Convention!.AssociationId == associationId)
            .OrderBy(p => p.Title)
            .Select(p => new SpaceProject(p.Title, LocalizedName.In(PortalCultures.Current, p.Domain!.NameFr, p.Domain!.NameAr, p.Domain!.NameEn), p.City, p.BeneficiariesCount, p.BeneficiariesDescription,
                p.AmountCentimes, p.StartDate, p.EndDate, p.Status))
            .ToListAsync(cancellationToken);
        var amendments = await ConventionService.AmendmentsAsync(db, conventionId, cancellationToken);
        return new SpaceConventionDetails(convention, terms.MessageToAssociation, terms.TerminationDate, terms.TerminationReason, projects, amendments);
    }

    /// <summary>
    /// True when the convention exists but belongs to another association: the attempt goes to the audit log.
    /// The association's own draft is not "another association's": it simply does not exist for it.
    /// </summary>
    public Task<bool> BelongsToAnotherAssociationAsync(int associationId, int conventionId, CancellationToken cancellationToken) =>
        db.Conventions.AnyAsync(c => c.Id == conventionId && c.AssociationId != associationId, cancellationToken);

    private static readonly Expression<Func<Convention, SpaceConvention>> ToRow = c => new SpaceConvention(
        c.Id, c.Reference, c.BudgetYear, c.CallForProjects == null ? null : c.CallForProjects.Title,
        c.SigningDate, c.Status, c.TotalCentimes, c.Projects.Count);

    /// <summary>The association's conventions the ministry has signed: a draft or a cancelled draft is not the association's to see.</summary>
    private IQueryable<Convention> Conventions(int associationId) => db.Conventions.AsNoTracking()
        .Where(c => c.AssociationId == associationId && Convention.SignedStatuses.Contains(c.Status));
}
