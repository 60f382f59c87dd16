using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Localization;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Web.Features.Shared;

namespace PartnershipPortal.Web.Features.Bilan;

/// <summary>
/// Builds the bilan in SQL: the projects of a year are grouped and summed by the database (the covering index
/// IX_Projects_Bilan answers the GROUP BY), never loaded. What counts is <see cref="CountedProjects"/>.
/// </summary>
public sealed class BilanService(PortalDbContext db, BilanCache cache, TimeProvider clock, IStringLocalizer<SharedResource> localizer)
{
    /// <summary>The years the selector offers: from the first to the last budget year holding projects (MIN/MAX read the index).</summary>
    public async Task<IReadOnlyList<int>> YearsAsync(CancellationToken cancellationToken)
    {
        // Two statements on purpose: SQLite answers a lone MIN or MAX from the index in a few page reads.
        var first = await db.Projects.MinAsync(p => (int?)p.BudgetYear, cancellationToken);
        var last = await db.Projects.MaxAsync(p => (int?)p.BudgetYear, cancellationToken);
        return first is null || last is null ? [] : Enumerable.Range(first.Value, last.Value - first.Value + 1).Reverse().ToList();
    }

    /// <summary>The year's bilan, from <see cref="BilanCache"/> when no write happened since it was built.</summary>
    public Task<BilanReport> ReportAsync(int year, CancellationToken cancellationToken) =>
        ReportAsync(year, BilanFilter.None, cancellationToken);

    /// <summary>The year's bilan narrowed by <paramref name="filter"/>; each filter is cached on its own.</summary>
    public Task<BilanReport> ReportAsync(int year, BilanFilter filter, CancellationToken cancellationToken) =>
        cache.GetOrBuildAsync(
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"year:{year}{(filter.IsEmpty ? "" : ":" + filter.Key)}"),
            c => BuildAsync(year, filter, c),
            cancellationToken);

    public Task<BilanComparison> ComparisonAsync(CancellationToken cancellationToken) =>
        cache.GetOrBuildAsync("comparison", CompareAsync, cancellationToken);

    /// <summary>Builds the year's bilan from the database, bypassing the cache.</summary>
    public Task<BilanReport> BuildAsync(int year, CancellationToken cancellationToken) => BuildAsync(year, BilanFilter.None, cancellationToken);

    /// <summary>
    /// Builds the year's bilan, narrowed by <paramref name="filter"/>, from the database. One GROUP BY domain and region
    /// gives both tables (at most 4 × 12 groups, added up here): the same read of IX_Projects_Bilan as a GROUP BY domain
    /// alone, since Region and BeneficiariesCount are in the index (docs/performance.md).
    /// </summary>
    public async Task<BilanReport> BuildAsync(int year, BilanFilter filter, CancellationToken cancellationToken)
    {
        var domains = await DomainNamesAsync(cancellationToken);

        var groups = await Filtered(db.Projects.AsNoTracking().CountedIn(year), filter)
            .GroupBy(p => new { p.DomainId, p.Region })
            .Select(g => new
            {
                g.Key.DomainId,
                g.Key.Region,
                Projects = g.Count(),
                Amount = g.Sum(p => p.AmountCentimes),
                Planned = g.Sum(p => (long)(p.BeneficiariesCount ?? 0)),
            })
            .ToListAsync(cancellationToken);

        var (partnersSql, partnersParameters) = PartnerCountsSql(year, filter);
        var partners = await db.Database
            .SqlQuery<PartnerCounts>(FormattableStringFactory.Create(partnersSql, partnersParameters))
            .SingleAsync(cancellationToken);

        var (reached, reporting) = await ReachedAsync(year, filter, cancellationToken);

        var activities = await db.Activities.AsNoTracking()
            .Where(a => a.Year == year)
            .OrderBy(a => a.StartDate).ThenBy(a => a.Id)
            .Select(a => new { a.Kind, a.Title, a.StartDate, a.EndDate, a.Place, a.ParticipantsCount, a.Description, a.ParticipantsDescription, a.Partners })
            .ToListAsync(cancellationToken);

        var projects = groups.Sum(g => g.Projects);
        var amount = groups.Sum(g => g.Amount);
        var rows = groups
            .GroupBy(g => g.DomainId)
            .Select(d => new BilanDomainRow(
                d.Key,
                domains[d.Key].Code,
                domains[d.Key].Names,
                d.Sum(g => g.Projects),
                d.Sum(g => g.Amount),
                Percent(d.Sum(g => g.Projects), projects),
                Percent(d.Sum(g => g.Amount), amount),
                d.Sum(g => g.Planned),
                reached.Where(r => r.Key.DomainId == d.Key).Sum(r => r.Value)))
            // The order of both published tables: projects, then amount, descending.
            .OrderByDescending(r => r.Projects)
            .ThenByDescending(r => r.AmountCentimes)
            .ThenBy(r => domains[r.DomainId].Order)
            .ToList();
        var regions = groups
            .GroupBy(g => g.Region)
            .Select(r => new BilanRegionRow(
                r.Key,
                r.Sum(g => g.Projects),
                r.Sum(g => g.Amount),
                Percent(r.Sum(g => g.Projects), projects),
                Percent(r.Sum(g => g.Amount), amount),
                r.Sum(g => g.Planned),
                reached.Where(x => x.Key.Region == r.Key).Sum(x => x.Value)))
            .OrderByDescending(r => r.Projects)
            .ThenByDescending(r => r.AmountCentimes)
            .ThenBy(r => r.Region)
            .ToList();

        return new BilanReport(
            year,
            rows,
            projects,
            amount,
            partners.Conventions,
            partners.Associations,
            activities.Select(a => new BilanActivity(
                a.Kind, a.Title, a.StartDate, a.EndDate, a.Place, a.ParticipantsCount, a.Description, a.ParticipantsDescription, a.Partners)).ToList(),
            clock.GetUtcNow().UtcDateTime,
            regions,
            groups.Sum(g => g.Planned),
            reached.Values.Sum(),
            reporting);
    }

    /// <summary>The counted projects narrowed by the filter: the projects' region and domain, their convention's call.</summary>
    private static IQueryable<Project> Filtered(IQueryable<Project> projects, BilanFilter filter)
    {
        if (filter.Region is { } region)
        {
            projects = projects.Where(p => p.Region == region);
        }

        if (filter.Domain is { } domain)
        {
            projects = projects.Where(p => p.DomainId == domain);
        }

        if (filter.Call is { } call)
        {
            projects = projects.Where(p => p.Convention!.CallForProjectsId == call);
        }

        return projects;
    }

    /// <summary>
    /// Beneficiaries reached, per domain and region, and the number of conventions that gave them. A convention's
    /// approved final report gives one figure for all its projects (children, women and men: migrants and refugees are
    /// among them); it is shared among the convention's counted projects in proportion to their amounts, whole persons
    /// by largest remainder, so that the shares add up to the report's figure. Only the projects of conventions whose
    /// approved final report gives figures are read (one small row each): none where no report gives them, as in the
    /// generated databases; the year's projects at most.
    /// </summary>
    private async Task<(Dictionary<(int DomainId, Region Region), long> Reached, int Reporting)> ReachedAsync(
        int year, BilanFilter filter, CancellationToken cancellationToken)
    {
        var reports = await db.ConventionReports.AsNoTracking()
            .Where(r => r.Kind == ReportKind.Final && r.Status == ReportStatus.Approved && r.Convention!.BudgetYear == year
                && (r.ReachedChildren != null || r.ReachedWomen != null || r.ReachedMen != null))
            .OrderBy(r => r.Id)
            .Select(r => new { r.ConventionId, Reached = (long)(r.ReachedChildren ?? 0) + (r.ReachedWomen ?? 0) + (r.ReachedMen ?? 0) })
            .ToListAsync(cancellationToken);
        var result = new Dictionary<(int, Region), long>();
        if (reports.Count == 0)
        {
            return (result, 0);
        }

        // A convention has one final report (a unique index on the convention and the kind).
        var reachedByConvention = new Dictionary<int, long>();
        foreach (var report in reports)
        {
            reachedByConvention[report.ConventionId] = report.Reached;
        }

        var call = filter.Call;
        var projects = await db.Projects.AsNoTracking().CountedIn(year)
            .Where(p => db.ConventionReports.Any(r => r.ConventionId == p.ConventionId && r.Kind == ReportKind.Final && r.Status == ReportStatus.Approved
                && (r.ReachedChildren != null || r.ReachedWomen != null || r.ReachedMen != null)))
            .Where(p => call == null || p.Convention!.CallForProjectsId == call)
            .Select(p => new { p.Id, p.ConventionId, p.DomainId, p.Region, p.AmountCentimes })
            .ToListAsync(cancellationToken);

        var reporting = 0;
        foreach (var convention in projects.GroupBy(p => p.ConventionId))
        {
            if (!reachedByConvention.TryGetValue(convention.Key, out var reached))
            {
                continue;
            }

            var members = convention.OrderBy(p => p.Id).ToList();
            var shares = Shares(reached, members.Select(p => p.AmountCentimes).ToList());
            var counted = false;
            for (var i = 0; i < members.Count; i++)
            {
                var p = members[i];
                if ((filter.Region is { } region && p.Region != region) || (filter.Domain is { } domain && p.DomainId != domain))
                {
                    continue;
                }

                counted = true;
                result[(p.DomainId, p.Region)] = result.GetValueOrDefault((p.DomainId, p.Region)) + shares[i];
            }

            reporting += counted ? 1 : 0;
        }

        return (result, reporting);
    }

    /// <summary>
    /// <paramref name="total"/> shared in proportion to <paramref name="weights"/> in whole units, by largest remainder
    /// (the first of equal remainders first): the shares always add up to the total. Equal shares when every weight is zero.
    /// </summary>
    internal static long[] Shares(long total, IReadOnlyList<long> weights)
    {
        var sum = weights.Sum();
        var effective = sum == 0 ? weights.Select(_ => 1L).ToList() : weights;
        var weightSum = sum == 0 ? weights.Count : sum;
        var shares = new long[weights.Count];
        var remainders = new (decimal Remainder, int Index)[weights.Count];
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = (decimal)total * effective[i] / weightSum;
            shares[i] = (long)Math.Floor(exact);
            remainders[i] = (exact - shares[i], i);
        }

        var left = total - shares.Sum();
        foreach (var (_, index) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Index).Take((int)left))
        {
            shares[index]++;
        }

        return shares;
    }

    /// <summary>Every year side by side, in one GROUP BY year and domain.</summary>
    public async Task<BilanComparison> CompareAsync(CancellationToken cancellationToken)
    {
        var domains = await DomainNamesAsync(cancellationToken);
        var groups = await db.Projects.Counted()
            .GroupBy(p => new { p.BudgetYear, p.DomainId })
            .Select(g => new { g.Key.BudgetYear, g.Key.DomainId, Projects = g.Count(), Amount = g.Sum(p => p.AmountCentimes) })
            .ToListAsync(cancellationToken);

        var years = groups.Select(g => g.BudgetYear).Distinct().Order().ToList();
        var byKey = groups.ToDictionary(g => (g.BudgetYear, g.DomainId), g => (g.Projects, g.Amount));

        var rows = domains
            .OrderBy(d => d.Value.Order)
            .Select(d => new BilanComparisonDomain(
                d.Value.Code,
                d.Value.Names,
                Cells(years, y => byKey.GetValueOrDefault((y, d.Key)))))
            .Where(d => d.Cells.Any(c => c.Projects > 0))
            .ToList();
        var totals = Cells(years, y => (
            groups.Where(g => g.BudgetYear == y).Sum(g => g.Projects),
            groups.Where(g => g.BudgetYear == y).Sum(g => g.Amount)));
        return new BilanComparison(years, rows, totals);
    }

    /// <summary>
    /// Every counted project of the year, streamed domain by domain in the domains' display order, then by status,
    /// convention and amount: the workbook's detail sheet may hold a hundred thousand rows. It needs no report, so the
    /// export reads it while the report is built. Plain SQL read row by row on the context's connection: through EF the
    /// same query took about twice the database's own time on 91,000 rows. Within a domain the projects are read from
    /// IX_Projects_Bilan alone, in its order (the rowid ends every index entry), so the database sorts nothing and
    /// opens no project row; each one costs a lookup of its convention. Same SQL on SQLite and SQL Server; the
    /// statuses are enum names, not input, and the year, domain and the filter's values are parameters. A filtered
    /// bilan lists the projects of its filter: one domain, and a region or a call checked on the rows read.
    /// </summary>
    public IAsyncEnumerable<BilanProjectLine> ProjectLinesAsync(int year, string language, CancellationToken cancellationToken = default) =>
        ProjectLinesAsync(year, language, BilanFilter.None, cancellationToken);

    public async IAsyncEnumerable<BilanProjectLine> ProjectLinesAsync(
        int year, string language, BilanFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var statements = ProjectLinesSql(filter);
        var domains = (await DomainNamesAsync(cancellationToken))
            .Where(d => filter.Domain is null || d.Key == filter.Domain)
            .OrderBy(d => d.Value.Order).ThenBy(d => d.Key)
            .Select(d => (Id: d.Key, Name: d.Value.Names.In(language)))
            .ToList();
        // The names of the year's associations, read once: a few thousand rows, where joining them cost one lookup
        // per project (a third of the query's time on 91,000 projects).
        var associations = await db.Associations.AsNoTracking()
            .Where(a => db.Conventions.Any(c => c.BudgetYear == year && c.AssociationId == a.Id))
            .Select(a => new { a.Id, a.Name })
            .ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            foreach (var domain in domains)
            {
                // One query per status, in the index's order: the status is not read back for each project.
                foreach (var (status, sql) in statements)
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = sql;
                    command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
                    AddParameter(command, "@year", year);
                    AddParameter(command, "@domain", domain.Id);
                    if (filter.Region is { } region)
                    {
                        AddParameter(command, "@region", region.ToString());
                    }

                    if (filter.Call is { } call)
                    {
                        AddParameter(command, "@call", call);
                    }

                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                    // Projects come grouped by convention: its reference is decoded once, and the same string is
                    // handed on for each of its projects.
                    var conventionId = -1;
                    var reference = "";
                    var association = "";
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        // The getters match the column types exactly: SQL Server's reader refuses GetInt64 on an int.
                        var id = reader.GetInt32(0);
                        if (id != conventionId)
                        {
                            conventionId = id;
                            reference = reader.GetString(1);
                            association = associations[reader.GetInt32(2)];
                        }

                        yield return new BilanProjectLine(
                            association, reference, domain.Name, reader.GetString(3), reader.GetInt64(4), status);
                    }
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The statuses that count, in the order of the index (ordinal); each with its query.</summary>
    private static (string Status, string Sql)[] ProjectLinesSql(BilanFilter filter) => CountedProjects.ProjectStatuses
        .Select(s => s.ToString())
        .Order(StringComparer.Ordinal)
        .Select(status => (status,
            "SELECT p.ConventionId, c.Reference, c.AssociationId, p.City, p.AmountCentimes "
            + "FROM Projects p INNER JOIN Conventions c ON c.Id = p.ConventionId "
            + $"WHERE p.BudgetYear = @year AND p.DomainId = @domain AND p.Status = '{status}' AND {CountedProjects.ConventionSql} "
            + (filter.Region is null ? "" : "AND p.Region = @region ")
            + (filter.Call is null ? "" : "AND c.CallForProjectsId = @call ")
            + "ORDER BY p.ConventionId, p.AmountCentimes, p.City, p.Id"))
        .ToArray();

    private static void AddParameter(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>
    /// Conventions and associations, counted from the same projects as the rows: a convention counts when it funds at
    /// least one counted project. Written in SQL because EF translates two DISTINCT counts of one group into a
    /// correlated subquery that joins twice (437 ms against 48 ms for the rows on 1,000,000 projects). The statuses are
    /// enum names, not input; the year and the filter's values are parameters; the SQL is the same on SQLite and SQL Server.
    /// </summary>
    private static (string Sql, object[] Parameters) PartnerCountsSql(int year, BilanFilter filter)
    {
        var sql = new System.Text.StringBuilder(
            "SELECT COUNT(DISTINCT p.ConventionId) AS Conventions, COUNT(DISTINCT c.AssociationId) AS Associations "
            + "FROM Projects p INNER JOIN Conventions c ON c.Id = p.ConventionId "
            + $"WHERE p.BudgetYear = {{0}} AND {CountedProjects.ProjectSql} AND {CountedProjects.ConventionSql}");
        var parameters = new List<object> { year };
        if (filter.Region is { } region)
        {
            sql.Append(System.Globalization.CultureInfo.InvariantCulture, $" AND p.Region = {{{parameters.Count}}}");
            parameters.Add(region.ToString());
        }

        if (filter.Domain is { } domain)
        {
            sql.Append(System.Globalization.CultureInfo.InvariantCulture, $" AND p.DomainId = {{{parameters.Count}}}");
            parameters.Add(domain);
        }

        if (filter.Call is { } call)
        {
            sql.Append(System.Globalization.CultureInfo.InvariantCulture, $" AND c.CallForProjectsId = {{{parameters.Count}}}");
            parameters.Add(call);
        }

        return (sql.ToString(), [.. parameters]);
    }

    /// <summary>A project status stored by name (as the raw SQL reads it), in the request's language.</summary>
    public string ProjectStatusLabel(string status) =>
        Enum.TryParse<ProjectStatus>(status, out var value) ? localizer[RecordText.Of(value)] : status;

    /// <summary>
    /// The portal shows each domain's current name (the 2017 table printed "immigrants" where 2018 printed "immigrés"),
    /// in the reader's language: all three are kept, since one cached report serves every language.
    /// </summary>
    private async Task<Dictionary<int, (string Code, DomainNames Names, int Order)>> DomainNamesAsync(CancellationToken cancellationToken) =>
        await db.Domains.AsNoTracking()
            .Select(d => new { d.Id, d.Code, d.NameFr, d.NameAr, d.NameEn, d.DisplayOrder })
            .ToDictionaryAsync(d => d.Id, d => (d.Code, new DomainNames(d.NameFr, d.NameAr, d.NameEn), d.DisplayOrder), cancellationToken);

    private static List<BilanComparisonCell> Cells(List<int> years, Func<int, (int Projects, long Amount)> figures)
    {
        var cells = new List<BilanComparisonCell>(years.Count);
        (int Projects, long Amount)? previous = null;
        foreach (var year in years)
        {
            var current = figures(year);
            cells.Add(new BilanComparisonCell(
                year,
                current.Projects,
                current.Amount,
                previous is { } p ? Change(p.Projects, current.Projects) : null,
                previous is { } a ? Change(a.Amount, current.Amount) : null));
            previous = current;
        }

        return cells;
    }

    private static decimal? Change(long before, long after) =>
        before == 0 ? null : Math.Round(100m * (after - before) / before, 1, MidpointRounding.AwayFromZero);

    private static decimal Percent(long part, long total) =>
        total == 0 ? 0 : Math.Round(100m * part / total, 1, MidpointRounding.AwayFromZero);

    private sealed class PartnerCounts
    {
        public int Conventions { get; set; }

        public int Associations { get; set; }
    }
}
