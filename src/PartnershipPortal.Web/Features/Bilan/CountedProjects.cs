using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;

namespace PartnershipPortal.Web.Features.Bilan;

/// <summary>
/// What counts in a year, in one place (docs/bilan.md): the projects that are not cancelled, of conventions whose
/// status is in <see cref="Convention.CountedStatuses"/>. The bilan, its exports and the dashboard all read it, as a
/// LINQ filter or as SQL fragments built from the same status lists.
/// </summary>
public static class CountedProjects
{
    private const ProjectStatus Excluded = ProjectStatus.Cancelled;

    /// <summary>The project statuses that count.</summary>
    public static readonly IReadOnlyList<ProjectStatus> ProjectStatuses =
        Enum.GetValues<ProjectStatus>().Where(s => s != Excluded).ToList();

    /// <summary>SQL condition on the projects, aliased <c>p</c>. The statuses are enum names, not input.</summary>
    public static readonly string ProjectSql = $"p.Status <> '{Excluded}'";

    /// <summary>SQL condition on the projects' conventions, aliased <c>c</c>; the same on SQLite and SQL Server.</summary>
    public static readonly string ConventionSql =
        "c.Status IN (" + string.Join(", ", Convention.CountedStatuses.Select(s => "'" + s + "'")) + ")";

    /// <summary>The projects that count, whatever the year.</summary>
    public static IQueryable<Project> Counted(this IQueryable<Project> projects)
    {
        var conventions = Convention.CountedStatuses;
        // EF.Constant: the statuses are written into the SQL, so the planner sees a constant IN list.
        return projects.Where(p => p.Status != Excluded && EF.Constant(conventions).Contains(p.Convention!.Status));
    }

    /// <summary>The projects that count in a budget year.</summary>
    public static IQueryable<Project> CountedIn(this IQueryable<Project> projects, int year) =>
        projects.Where(p => p.BudgetYear == year).Counted();
}
