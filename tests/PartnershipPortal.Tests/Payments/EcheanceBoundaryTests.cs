using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Security;
using static PartnershipPortal.Tests.Conventions.ConventionTestData;
using static PartnershipPortal.Tests.Payments.PaymentTestKit;

namespace PartnershipPortal.Tests.Payments;

/// <summary>
/// /Echeances at the edges of its rules: the 30 days' horizon counted to its last day, which reports and tranches are
/// still expected, and when a convention is "ending" (its last project, cancelled ones left aside, ends within the horizon).
/// Each test writes its own dates into the database and reads the lines of its own conventions.
/// </summary>
public sealed partial class EcheanceBoundaryTests(ClockedPortalFactory factory) : IClassFixture<ClockedPortalFactory>
{
    // Read on 10/12/2061: the horizon's last day is 09/01/2062.
    private static readonly DateTimeOffset Today = new(2061, 12, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly LastDay = new(2062, 1, 9);

    private async Task<(HttpClient Agent, string AdminId)> StartAsync()
    {
        if (factory.Clock.GetUtcNow() < Today)
        {
            factory.Clock.SetUtcNow(Today);
        }

        return (await factory.SignedInClientAsync("agent@portail.test"), await SecurityTestKit.UserIdAsync(factory, "admin@portail.test"));
    }

    /// <summary>A convention of 2061 in <paramref name="status"/>, followed by <paramref name="agentId"/>, with projects ending on the given dates.</summary>
    private async Task<string> ConventionEndingAsync(ConventionStatus status, string agentId, params (DateOnly End, ProjectStatus Status)[] projects)
    {
        var id = await AddAsync(factory, 2061, status, [.. projects.Select((p, i) => new Line($"Projet {i + 1}", 10_000_00, p.Status))]);
        await factory.WithDbAsync(async db =>
        {
            var convention = await db.Conventions.Include(c => c.Projects).SingleAsync(c => c.Id == id);
            convention.FollowUpAgentId = agentId;
            var ordered = convention.Projects.OrderBy(p => p.Title).ToList();
            for (var i = 0; i < projects.Length; i++)
            {
                ordered[i].EndDate = projects[i].End;
            }

            await db.SaveChangesAsync();
        });
        return (await LoadAsync(factory, id)).Reference;
    }

    private static async Task<string> PageAsync(HttpClient agent, string adminId, string kind) =>
        await FlatTextAsync(await agent.GetAsync($"/Echeances?agentId={adminId}&kind={kind}&pageSize=100"));

    [Fact]
    public async Task A_report_or_a_tranche_is_listed_up_to_the_horizon_s_last_day_and_not_the_day_after()
    {
        var (agent, adminId) = await StartAsync();
        var within = await SignedAsync(factory, agent, 2061, new DateOnly(2061, 2, 1));
        var beyond = await SignedAsync(factory, agent, 2061, new DateOnly(2061, 2, 1));
        await factory.WithDbAsync(async db =>
        {
            foreach (var (id, date) in new[] { (within, LastDay), (beyond, LastDay.AddDays(1)) })
            {
                await db.Conventions.Where(c => c.Id == id).ExecuteUpdateAsync(x => x.SetProperty(c => c.FollowUpAgentId, adminId));
                await db.ConventionReports.Where(r => r.ConventionId == id && r.Kind == ReportKind.Interim).ExecuteUpdateAsync(x => x.SetProperty(r => r.DueDate, date));
                await db.PaymentTranches.Where(t => t.ConventionId == id && t.Number == 1).ExecuteUpdateAsync(x => x.SetProperty(t => t.PlannedDate, date));
            }
        });
        var withinReference = (await LoadAsync(factory, within)).Reference;
        var beyondReference = (await LoadAsync(factory, beyond)).Reference;

        var reports = await PageAsync(agent, adminId, "Report");
        Assert.Contains($"09/01/2062 Rapport intermédiaire {withinReference}", reports, StringComparison.Ordinal);
        Assert.DoesNotContain("Rapport intermédiaire " + beyondReference + " ", reports, StringComparison.Ordinal);

        var tranches = await PageAsync(agent, adminId, "TrancheToOrder");
        Assert.Contains($"09/01/2062 Tranche 1 à ordonnancer {withinReference}", tranches, StringComparison.Ordinal);
        Assert.DoesNotContain("à ordonnancer " + beyondReference + " ", tranches, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_report_returned_to_the_association_is_still_expected_and_a_submitted_one_is_not()
    {
        var (agent, adminId) = await StartAsync();
        var returned = await SignedAsync(factory, agent, 2061, new DateOnly(2061, 2, 1));
        var submitted = await SignedAsync(factory, agent, 2061, new DateOnly(2061, 2, 1));
        await factory.WithDbAsync(async db =>
        {
            foreach (var (id, status) in new[] { (returned, ReportStatus.Returned), (submitted, ReportStatus.Submitted) })
            {
                await db.Conventions.Where(c => c.Id == id).ExecuteUpdateAsync(x => x.SetProperty(c => c.FollowUpAgentId, adminId));
                await db.ConventionReports.Where(r => r.ConventionId == id && r.Kind == ReportKind.Interim).ExecuteUpdateAsync(x => x.SetProperty(r => r.Status, status));
            }
        });
        var dueDate = (await ReportsAsync(factory, returned)).Single(r => r.Kind == ReportKind.Interim).DueDate;

        var page = await PageAsync(agent, adminId, "Report");
        Assert.Contains($"{dueDate:dd/MM/yyyy} En retard Rapport intermédiaire {(await LoadAsync(factory, returned)).Reference}", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"Rapport intermédiaire {(await LoadAsync(factory, submitted)).Reference} ", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_convention_is_ending_when_its_last_project_not_cancelled_ends_between_today_and_the_horizon()
    {
        var (agent, adminId) = await StartAsync();
        var today = new DateOnly(2061, 12, 10);
        var onLastDay = await ConventionEndingAsync(ConventionStatus.InProgress, adminId, (LastDay, ProjectStatus.Planned));
        var endsToday = await ConventionEndingAsync(ConventionStatus.Signed, adminId, (today, ProjectStatus.Planned));
        var dayAfter = await ConventionEndingAsync(ConventionStatus.InProgress, adminId, (LastDay.AddDays(1), ProjectStatus.Planned));
        var endedYesterday = await ConventionEndingAsync(ConventionStatus.InProgress, adminId, (today.AddDays(-1), ProjectStatus.Planned));
        var anotherEndsLater = await ConventionEndingAsync(ConventionStatus.InProgress, adminId,
            (new DateOnly(2061, 12, 20), ProjectStatus.Planned), (new DateOnly(2062, 3, 1), ProjectStatus.Planned));
        var laterOneCancelled = await ConventionEndingAsync(ConventionStatus.InProgress, adminId,
            (new DateOnly(2061, 12, 20), ProjectStatus.Planned), (new DateOnly(2062, 3, 1), ProjectStatus.Cancelled));
        var onlyACancelledOneWithin = await ConventionEndingAsync(ConventionStatus.InProgress, adminId,
            (new DateOnly(2061, 11, 30), ProjectStatus.Planned), (new DateOnly(2061, 12, 20), ProjectStatus.Cancelled));
        var completed = await ConventionEndingAsync(ConventionStatus.Completed, adminId, (new DateOnly(2061, 12, 20), ProjectStatus.Planned));
        var oneEndedBefore = await ConventionEndingAsync(ConventionStatus.InProgress, adminId,
            (new DateOnly(2061, 11, 30), ProjectStatus.Planned), (new DateOnly(2061, 12, 22), ProjectStatus.Planned));

        var page = await PageAsync(agent, adminId, "ConventionEnding");
        // Dated by its last project: the one that ended before today does not make it late.
        Assert.Contains("22/12/2061 Fin de la convention " + oneEndedBefore, page, StringComparison.Ordinal);
        Assert.Contains("09/01/2062 Fin de la convention " + onLastDay, page, StringComparison.Ordinal);
        Assert.Contains("10/12/2061 Fin de la convention " + endsToday, page, StringComparison.Ordinal);
        Assert.Contains("20/12/2061 Fin de la convention " + laterOneCancelled, page, StringComparison.Ordinal);
        foreach (var reference in new[] { dayAfter, endedYesterday, anotherEndsLater, onlyACancelledOneWithin, completed })
        {
            Assert.DoesNotContain(reference + " ", page, StringComparison.Ordinal);
        }

        // The export marks as late what fell due before today only: a convention ending today is not late.
        var export = await agent.GetAsync($"/Echeances/Export?agentId={adminId}&kind=ConventionEnding&format=csv");
        // Named after the portal's day, not the server's.
        Assert.Equal("Échéances-2061-12-10.csv", export.Content.Headers.ContentDisposition!.FileNameStar);
        var csv = await export.Content.ReadAsStringAsync();
        Assert.Equal("Échéance;Objet;Convention;Association;Montant;En retard", csv.TrimStart('\uFEFF').Split("\r\n")[0]);
        var row = Assert.Single(csv.Split('\n'), x => x.Contains(endsToday, StringComparison.Ordinal));
        Assert.StartsWith("2061-12-10;Fin de la convention;" + endsToday + ";", row, StringComparison.Ordinal);
        Assert.EndsWith(";10000,00;", row.TrimEnd('\r'), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pages_cut_the_date_ordered_lines_where_the_page_size_says_reports_before_endings_on_one_day()
    {
        var (agent, _) = await StartAsync();
        var (followerId, followerEmail) = await NewAgentAsync();
        // Eleven conventions: convention i's report falls due, and its project ends, on day 1 + i / 2 (two conventions a
        // day); the last two also have a project ending beyond the horizon, so they are not "ending". 11 reports, 9 endings.
        var expected = new List<(DateOnly Date, int Order, int Id, string Line)>();
        for (var i = 0; i < 11; i++)
        {
            var day = new DateOnly(2061, 12, 11).AddDays(i / 2);
            var projects = i < 9 ? new[] { (day, ProjectStatus.Planned) } : [(day, ProjectStatus.Planned), (new DateOnly(2062, 6, 30), ProjectStatus.Planned)];
            var reference = await ConventionEndingAsync(ConventionStatus.InProgress, followerId, projects);
            var (conventionId, reportId) = await factory.WithDbAsync(async db =>
            {
                var convention = await db.Conventions.SingleAsync(c => c.Reference == reference);
                var report = new ConventionReport { ConventionId = convention.Id, Kind = ReportKind.Interim, DueDate = day, Status = ReportStatus.Due };
                db.ConventionReports.Add(report);
                await db.SaveChangesAsync();
                return (convention.Id, report.Id);
            });
            expected.Add((day, 1, reportId, $"{day:dd/MM/yyyy} Rapport intermédiaire {reference}"));
            if (i < 9)
            {
                expected.Add((day, 3, conventionId, $"{day:dd/MM/yyyy} Fin de la convention {reference}"));
            }
        }

        var lines = expected.OrderBy(l => l.Date).ThenBy(l => l.Order).ThenBy(l => l.Id).Select(l => l.Line).ToList();
        var reports = expected.Where(l => l.Order == 1).OrderBy(l => l.Date).ThenBy(l => l.Id).Select(l => l.Line).ToList();
        async Task<List<string>> LinesAsync(string query) => [.. Line().Matches(await FlatTextAsync(await agent.GetAsync($"/Echeances?agentId={followerId}&pageSize=10&{query}"))).Select(m => m.Value)];

        // The first page ends inside the third day, after its reports and before its endings.
        Assert.Equal(lines[..10], await LinesAsync("page=1"));
        Assert.Equal(lines[10..], await LinesAsync("page=2"));
        // A page past the end shows the last one.
        Assert.Equal(lines[10..], await LinesAsync("page=1000"));
        Assert.Contains("20 résultat(s) · 11 à 20", await FlatTextAsync(await agent.GetAsync($"/Echeances?agentId={followerId}&pageSize=10&page=1000")), StringComparison.Ordinal);
        // One kind: its first ten lines by date, then the eleventh.
        Assert.Equal(reports[..10], await LinesAsync("kind=Report&page=1"));
        Assert.Equal(reports[10..], await LinesAsync("kind=Report&page=2"));

        // The agent filter offers the agents and administrators by name, one without a name by their address.
        var options = Records.RecordPages.Options(await agent.GetStringAsync("/Echeances"), "agentId");
        Assert.Equal(["Tous", followerEmail, "Administrateur de démonstration", "Agent de démonstration"], options);
    }

    [Fact]
    public async Task An_ending_convention_is_paged_by_the_end_of_its_last_project_not_cancelled()
    {
        var (agent, _) = await StartAsync();
        var (followerId, _) = await NewAgentAsync();
        // Eleven ending conventions, a page of ten: nine ending from 12/12 to 20/12; one whose first project ended before
        // today and whose last ends on 31/12, so it is the eleventh; one ending on 11/12, the first, with a cancelled
        // project that would have ended in March.
        var endings = new List<string>();
        for (var i = 0; i < 9; i++)
        {
            var day = new DateOnly(2061, 12, 12).AddDays(i);
            endings.Add($"{day:dd/MM/yyyy} Fin de la convention {await ConventionEndingAsync(ConventionStatus.InProgress, followerId, (day, ProjectStatus.Planned))}");
        }

        var last = await ConventionEndingAsync(ConventionStatus.InProgress, followerId,
            (new DateOnly(2061, 11, 1), ProjectStatus.Planned), (new DateOnly(2061, 12, 31), ProjectStatus.Planned));
        var first = await ConventionEndingAsync(ConventionStatus.InProgress, followerId,
            (new DateOnly(2061, 12, 11), ProjectStatus.Planned), (new DateOnly(2062, 3, 1), ProjectStatus.Cancelled));

        async Task<List<string>> LinesAsync(string query) =>
            [.. KindLine().Matches(await FlatTextAsync(await agent.GetAsync($"/Echeances?agentId={followerId}&pageSize=10&{query}"))).Select(m => m.Value)];

        List<string> firstPage = ["11/12/2061 Fin de la convention " + first, .. endings];
        Assert.Equal(firstPage, await LinesAsync("kind=ConventionEnding&page=1"));
        Assert.Equal(["31/12/2061 Fin de la convention " + last], await LinesAsync("kind=ConventionEnding&page=2"));
        Assert.Equal(firstPage, await LinesAsync("page=1"));
        Assert.Equal(["31/12/2061 Fin de la convention " + last], await LinesAsync("page=2"));
    }

    [Fact]
    public async Task Each_kind_s_page_shows_its_first_lines_by_date_and_the_lines_of_all_kinds_include_the_documents()
    {
        var (agent, _) = await StartAsync();
        var (followerId, _) = await NewAgentAsync();
        var kindNames = await factory.WithDbAsync(db => db.DocumentKinds.ToDictionaryAsync(k => k.Code, k => k.NameFr));
        // Eleven of each: line i falls on day (i + 1) / 2, so the tenth and eleventh share the last day, where a page of
        // ten is cut. Endings come before documents on one day (their kind's order), then each by the order written.
        var endings = new List<string>();
        for (var i = 0; i < 11; i++)
        {
            var day = new DateOnly(2061, 12, 11).AddDays((i + 1) / 2);
            endings.Add($"{day:dd/MM/yyyy} Fin de la convention {await ConventionEndingAsync(ConventionStatus.InProgress, followerId, (day, ProjectStatus.Planned))}");
        }

        // The documents belong to three associations, each with a convention the follower follows that does not end soon.
        var documents = new List<string>();
        var codes = ExpiringKinds();
        for (var first = 0; first < 11; first += codes.Length)
        {
            var name = "Association aux échéances " + Guid.NewGuid().ToString("N")[..8];
            var held = codes.Take(11 - first).Select((code, k) => (Code: code, ValidUntil: new DateOnly(2061, 12, 11).AddDays((first + k + 1) / 2))).ToArray();
            var associationId = await Files.DossierTestData.AddAssociationAsync(factory, name, held);
            documents.AddRange(held.Select(d => $"{d.ValidUntil:dd/MM/yyyy} Document du dossier qui expire : {kindNames[d.Code]} {name}"));
            var conventionId = await AddAsync(factory, 2061, ConventionStatus.InProgress, associationId, null, null, new Line("Projet durable", 10_000_00));
            await factory.WithDbAsync(async db =>
            {
                await db.Conventions.Where(c => c.Id == conventionId).ExecuteUpdateAsync(x => x.SetProperty(c => c.FollowUpAgentId, followerId));
                await db.Projects.Where(p => p.ConventionId == conventionId).ExecuteUpdateAsync(x => x.SetProperty(p => p.EndDate, new DateOnly(2062, 6, 30)));
            });
        }

        async Task<List<string>> LinesAsync(string query) =>
            [.. KindLine().Matches(await FlatTextAsync(await agent.GetAsync($"/Echeances?agentId={followerId}&pageSize=10&{query}"))).Select(m => m.Value)];

        Assert.Equal(endings[..10], await LinesAsync("kind=ConventionEnding&page=1"));
        Assert.Equal(endings[10..], await LinesAsync("kind=ConventionEnding&page=2"));
        Assert.Equal(documents[..10], await LinesAsync("kind=DocumentExpiring&page=1"));
        Assert.Equal(documents[10..], await LinesAsync("kind=DocumentExpiring&page=2"));

        // All kinds: each day's endings, then its documents.
        var all = Enumerable.Range(0, 6).SelectMany(day => Enumerable.Range(0, 11).Where(i => (i + 1) / 2 == day).Select(i => endings[i])
            .Concat(Enumerable.Range(0, 11).Where(i => (i + 1) / 2 == day).Select(i => documents[i]))).ToList();
        Assert.Equal(all[..10], await LinesAsync("page=1"));
        Assert.Equal(all[10..20], await LinesAsync("page=2"));
        Assert.Equal(all[20..], await LinesAsync("page=3"));
    }

    /// <summary>The kinds of document that expire (all but the statutes), in the order the association's documents are written.</summary>
    private static string[] ExpiringKinds() => [.. Files.DossierTestData.Kinds.Where(k => k != "STATUTS")];

    [GeneratedRegex(@"\d\d/\d\d/\d{4} (?:En retard )?(?:Fin de la convention CONV-\d{4}-\d+|Document du dossier qui expire : .+? Association aux échéances [0-9a-f]{8})")]
    private static partial Regex KindLine();

    /// <summary>An agent account of the test's own, without a full name.</summary>
    private async Task<(string Id, string Email)> NewAgentAsync()
    {
        var email = $"agent.{Guid.NewGuid():N}@portail.test";
        return (await SecurityTestKit.NewAccountAsync(factory, email, Roles.Agent, fullName: null), email);
    }

    [GeneratedRegex(@"\d\d/\d\d/\d{4} (?:En retard )?(?:Rapport intermédiaire|Fin de la convention) CONV-\d{4}-\d+")]
    private static partial Regex Line();

    [Fact]
    public async Task A_document_replaced_by_a_newer_version_no_longer_expires_and_the_horizon_s_last_day_still_counts()
    {
        await StartAsync();
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        var name = "Association aux versions " + Guid.NewGuid().ToString("N")[..6];
        var associationId = await Files.DossierTestData.AddAssociationAsync(factory, name,
            [.. Files.DossierTestData.AllKinds(new DateOnly(2062, 3, 1), "RIB", "BUREAU"), ("RIB", LastDay), ("BUREAU", LastDay.AddDays(1))]);
        var page = await FlatTextAsync(await agent.GetAsync("/Echeances?kind=DocumentExpiring&region=FesMeknes&pageSize=100"));
        Assert.Contains($"09/01/2062 Document du dossier qui expire : Attestation bancaire (RIB) {name}", page, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(page, Regex.Escape(name)));

        // The same line in Arabic names the document in Arabic (the kinds' names are kept per language).
        var arabicName = await factory.WithDbAsync(db => db.DocumentKinds.Where(k => k.Code == "RIB").Select(k => k.NameAr).SingleAsync());
        var arabic = await FlatTextAsync(await agent.GetAsync("/Echeances?kind=DocumentExpiring&region=FesMeknes&pageSize=100&culture=ar"));
        Assert.Contains(arabicName, arabic, StringComparison.Ordinal);
        Assert.DoesNotContain("Attestation bancaire (RIB)", arabic, StringComparison.Ordinal);
        agent = await factory.SignedInClientAsync("agent@portail.test");

        // A newer bank certificate replaces it: the old version, still expiring, is no longer followed.
        await factory.WithDbAsync(db => db.DossierDocuments.Where(d => d.AssociationId == associationId && d.ValidUntil == LastDay)
            .ExecuteUpdateAsync(x => x.SetProperty(d => d.IsCurrent, false)));
        Assert.DoesNotContain(name, await FlatTextAsync(await agent.GetAsync("/Echeances?kind=DocumentExpiring&region=FesMeknes&pageSize=100")), StringComparison.Ordinal);
    }
}
