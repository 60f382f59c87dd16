using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.BrowserTests.Infrastructure;
using PartnershipPortal.Data.Entities;
using Xunit.Abstractions;

namespace PartnershipPortal.BrowserTests.Journeys;

/// <summary>Each main page: accessible (axe-core) and saved as a screenshot at desktop and phone widths.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PagesTests(PortalServer server, ITestOutputHelper output)
{
    private const int Desktop = 1280;
    private const int Phone = 390;
    private const string Agent = "agent@portail.test";
    private const string Administrator = "admin@portail.test";
    private const string Manager = "manager@portail.test";
    private const string AssociationAccount = "association@portail.test";

    private sealed record MainPage(string Name, string Url, string? Account, bool HasCharts = false);

    [BrowserFact]
    public async Task Main_pages_have_no_serious_accessibility_violation_and_are_captured_at_two_widths()
    {
        var pages = await MainPagesAsync();
        var failures = new List<string>();
        foreach (var width in new[] { Desktop, Phone })
        {
            // One signed-in context per account and width: signing in costs a password hash each time.
            foreach (var group in pages.GroupBy(p => p.Account))
            {
                var page = group.Key is null ? await server.NewPageAsync(width) : await server.SignedInPageAsync(group.Key, width: width);
                foreach (var main in group)
                {
                    var started = Stopwatch.GetTimestamp();
                    var response = await page.GotoAsync(main.Url);
                    if (response?.Ok != true)
                    {
                        failures.Add($"{main.Url} ({main.Account}) answered {response?.Status}");
                        continue;
                    }

                    if (main.HasCharts)
                    {
                        await Charts.WaitForChartsAsync(page);
                    }

                    failures.AddRange(await Accessibility.SeriousViolationsAsync(page, width == Desktop ? null : Accessibility.LayoutRules));

                    // A page wider than the window scrolls sideways as a whole: wide tables must scroll inside their own box.
                    var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
                    if (overflow > 0)
                    {
                        var culprits = await page.EvaluateAsync<string[]>(WiderThanWindowScript);
                        failures.Add($"{main.Url} at {width} px is {overflow} px wider than the window: {string.Join(" | ", culprits)}");
                    }

                    await PortalServer.ScreenshotAsync(page, main.Name);
                    output.WriteLine($"{main.Name}-{width}: {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms");
                }

                await page.Context.CloseAsync();
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>The outermost elements that stick out of the window, outside any box that scrolls or clips.</summary>
    private const string WiderThanWindowScript =
        """
        () => {
          // An absolutely placed element escapes a scrolling box that is not its containing block: not counted as clipped.
          const clipped = e => { if (['absolute', 'fixed'].includes(getComputedStyle(e).position)) { return false; }
            for (let p = e.parentElement; p; p = p.parentElement) {
            const o = getComputedStyle(p).overflowX; if (o !== 'visible') { return p !== document.documentElement && p !== document.body; } } return false; };
          return [...document.body.querySelectorAll('*')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5 && !clipped(e))
            .filter((e, _, all) => !all.includes(e.parentElement))
            .slice(0, 3)
            .map(e => e.outerHTML.slice(0, 160));
        }
        """;

    [BrowserFact]
    public async Task The_accessibility_check_finds_a_field_without_a_label()
    {
        var page = await server.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        Assert.Empty(await Accessibility.SeriousViolationsAsync(page));

        await page.EvaluateAsync("() => document.querySelector('main').insertAdjacentHTML('beforeend', '<input type=text id=orphan>')");
        var violations = await Accessibility.SeriousViolationsAsync(page);

        Assert.Contains(violations, v => v.Contains("label (critical)", StringComparison.Ordinal) && v.Contains("orphan", StringComparison.Ordinal));
        await page.Context.CloseAsync();
    }

    private async Task<List<MainPage>> MainPagesAsync()
    {
        var ids = await server.WithDbAsync(async db =>
        {
            var convention = await db.Conventions.AsNoTracking().Where(c => c.BudgetYear == 2018).OrderBy(c => c.Sequence).FirstAsync();
            // The demo conventions are all completed: a draft (edited directly) and a signed one (amended) for their screens.
            var lifecycle = await db.Conventions.AsNoTracking().Where(c => c.BudgetYear == 2039).OrderBy(c => c.Sequence).Select(c => c.Id).ToListAsync();
            if (lifecycle.Count == 0)
            {
                var project = await db.Projects.AsNoTracking().Where(p => p.ConventionId == convention.Id).FirstAsync();
                foreach (var (sequence, status) in new[] { (1, ConventionStatus.Draft), (2, ConventionStatus.Signed) })
                {
                    db.Conventions.Add(new Convention
                    {
                        Reference = Convention.FormatReference(2039, sequence), BudgetYear = 2039, Sequence = sequence, Status = status,
                        AssociationId = convention.AssociationId, SigningDate = status == ConventionStatus.Signed ? new DateOnly(2039, 2, 1) : null,
                        TotalCentimes = project.AmountCentimes,
                        Projects = [new Project { Title = project.Title, City = project.City, DomainId = project.DomainId, BudgetYear = 2039, AmountCentimes = project.AmountCentimes }],
                    });
                }

                await db.SaveChangesAsync();
                lifecycle = await db.Conventions.AsNoTracking().Where(c => c.BudgetYear == 2039).OrderBy(c => c.Sequence).Select(c => c.Id).ToListAsync();
            }

            var space = await db.Users.AsNoTracking().Where(u => u.Email == AssociationAccount).Select(u => u.AssociationId).SingleAsync();
            return new
            {
                Association = convention.AssociationId,
                Convention = convention.Id,
                Draft = lifecycle[0],
                Signed = lifecycle[1],
                Project = await db.Projects.AsNoTracking().Where(p => p.ConventionId == convention.Id).Select(p => p.Id).FirstAsync(),
                Call = await db.Calls.AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(),
                Activity = await db.Activities.AsNoTracking().OrderBy(a => a.Id).Select(a => a.Id).FirstAsync(),
                Domain = await db.Domains.AsNoTracking().OrderBy(d => d.Id).Select(d => d.Id).FirstAsync(),
                User = await db.Users.AsNoTracking().Where(u => u.Email == Agent).Select(u => u.Id).SingleAsync(),
                SpaceConvention = await db.Conventions.AsNoTracking().Where(c => c.AssociationId == space).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(),
                SpaceReport = await db.ConventionReports.AsNoTracking().Where(r => r.Convention!.AssociationId == space).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync(),
            };
        });

        string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
        return
        [
            new("login", "/Account/Login", null),
            new("home", "/", Agent),
            new("dashboard", "/Dashboard?year=2018", Agent),
            new("associations", "/Associations", Agent),
            new("association", $"/Associations/Details/{Id(ids.Association)}", Agent),
            new("association-create", "/Associations/Create", Agent),
            new("association-edit", $"/Associations/Edit/{Id(ids.Association)}", Agent),
            new("calls", "/Calls", Agent),
            new("call", $"/Calls/Details/{Id(ids.Call)}", Agent),
            new("call-create", "/Calls/Create", Agent),
            new("call-edit", $"/Calls/Edit/{Id(ids.Call)}", Agent),
            new("conventions", "/Conventions", Agent),
            new("convention", $"/Conventions/Details/{Id(ids.Convention)}", Agent),
            new("convention-create", "/Conventions/Create", Agent),
            new("convention-edit", $"/Conventions/Edit/{Id(ids.Draft)}", Agent),
            new("convention-notes", $"/Conventions/Notes/{Id(ids.Convention)}", Agent),
            new("convention-sign", $"/Conventions/Transition/{Id(ids.Draft)}?transition=Sign", Agent),
            new("convention-terminate", $"/Conventions/Transition/{Id(ids.Signed)}?transition=Terminate", Agent),
            new("convention-amend", $"/Conventions/Amend/{Id(ids.Signed)}", Agent),
            new("projects", "/Projects", Agent),
            new("project", $"/Projects/Details/{Id(ids.Project)}", Agent),
            new("project-edit", $"/Projects/Edit/{Id(ids.Project)}", Agent),
            new("activities", "/Activities", Agent),
            new("activity", $"/Activities/Details/{Id(ids.Activity)}", Agent),
            new("activity-create", "/Activities/Create", Agent),
            new("activity-edit", $"/Activities/Edit/{Id(ids.Activity)}", Agent),
            new("delete-refused", $"/Associations/Delete/{Id(ids.Association)}", Agent),
            new("account", "/Account/ChangePassword", Agent),
            new("bilan", "/Bilan/2018", Manager, HasCharts: true),
            new("bilan-comparison", "/Bilan", Manager, HasCharts: true),
            new("document-kinds", "/DocumentKinds", Administrator),
            new("document-kind-create", "/DocumentKinds/Create", Administrator),
            new("domains", "/Domains", Administrator),
            new("domain-create", "/Domains/Create", Administrator),
            new("domain-edit", $"/Domains/Edit/{Id(ids.Domain)}", Administrator),
            new("users", "/Users", Administrator),
            new("user-create", "/Users/Create", Administrator),
            new("user-edit", $"/Users/Edit/{ids.User}", Administrator),
            new("audit-log", "/AuditLog", Administrator),
            new("two-factor", "/Account/TwoFactor", Administrator),
            new("my-space", "/MonEspace", AssociationAccount),
            new("my-space-convention", $"/MonEspace/Conventions/{Id(ids.SpaceConvention)}", AssociationAccount),
            new("my-dossier", "/MonEspace/Dossier", AssociationAccount),
            new("payments", $"/Paiements/{Id(ids.Convention)}", Agent),
            new("report", $"/Rapports/{Id(ids.SpaceReport)}", Agent),
            new("follow-up", "/Echeances", Agent),
            new("my-reports", "/MonEspace/Rapports", AssociationAccount),
            new("my-report", $"/MonEspace/Rapports/{Id(ids.SpaceReport)}", AssociationAccount),
        ];
    }
}
