using System.Net;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Data.Seeding;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Web.Infrastructure.Formatting;

namespace PartnershipPortal.Tests.Records;

public sealed class DashboardTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData(2017)]
    [InlineData(2018)]
    public async Task The_dashboard_of_a_demo_year_shows_the_published_figures(int year)
    {
        var client = await factory.SignedInClientAsync("manager@portail.test");
        var published = PublishedBilan.Load().Year(year);

        var html = WebUtility.HtmlDecode(await client.PageAsync($"/Dashboard?year={year}"));

        Assert.Contains($"id=\"stat-associations\">{published.Associations}<", html, StringComparison.Ordinal);
        Assert.Contains($"id=\"stat-projects\">{published.Projects}<", html, StringComparison.Ordinal);
        Assert.Contains($"id=\"stat-amount\">{PortalFormat.Dirhams(published.Amount * 100)}<", html, StringComparison.Ordinal);
        var text = RecordPages.Text(html);
        foreach (var row in published.Rows)
        {
            Assert.Contains(PortalFormat.Dirhams(row.Amount * 100).Replace('\u00A0', ' '), text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_empty_year_says_so_and_points_to_the_years_with_data()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        var text = RecordPages.Text(await client.PageAsync("/Dashboard?year=2040"));
        Assert.Contains("Aucune convention signée pour 2040", text, StringComparison.Ordinal);
        Assert.Contains("2018", text, StringComparison.Ordinal);
        // A year that is not a number shows the default year's dashboard, not an error.
        Assert.Equal(Heading(await client.PageAsync("/Dashboard")), Heading(await client.PageAsync("/Dashboard?year=abc")));
    }

    [Fact]
    public async Task The_years_pointed_to_hold_a_convention_that_counts_latest_first()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        await factory.WithDbAsync(async db =>
        {
            var domain = await db.Domains.Select(d => d.Id).FirstAsync();
            var association = new Association { Name = "Association des années", RegistrationNumber = "S-YEARS-1", City = "Taza", Region = Region.FesMeknes };
            foreach (var (year, status) in new[] { (2057, ConventionStatus.Draft), (2058, ConventionStatus.Signed), (2059, ConventionStatus.Cancelled), (2056, ConventionStatus.Completed) })
            {
                var convention = new Convention { Reference = Convention.FormatReference(year, 1), BudgetYear = year, Sequence = 1, Association = association, Status = status, SigningDate = status == ConventionStatus.Draft ? null : new DateOnly(year, 3, 1) };
                convention.Projects.Add(new Project { Title = "Cours de langue", City = "Taza", DomainId = domain, BudgetYear = year, AmountCentimes = 50_000 });
                convention.RecomputeTotal();
                db.Add(convention);
            }

            await db.SaveChangesAsync();
        });

        var html = await client.PageAsync("/Dashboard?year=2060");
        var alert = System.Text.RegularExpressions.Regex.Match(html, "<div class=\"alert alert-info\"[^>]*>(.*?)</div>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        var years = System.Text.RegularExpressions.Regex.Matches(alert, ">(\\d{4})</a>").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

        Assert.Equal([2058, 2056], years.Where(y => y >= 2056).ToList());
        Assert.Contains(2018, years);
        Assert.Equal(years.OrderDescending(), years);
    }

    private static string Heading(string html) =>
        RecordPages.Text(System.Text.RegularExpressions.Regex.Match(html, "<h1[^>]*>(.*?)</h1>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value).Trim();

    [Fact]
    public async Task The_latest_changes_show_who_changed_what()
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        await client.PostAsync("/Associations/Create",
        [
            ("Form.Name", "Association Tableau de Bord"), ("Form.RegistrationNumber", "TEST-DASH-1"), ("Form.City", "Fès"),
            ("Form.Region", "FesMeknes"), ("Form.Status", "Active"),
        ]);

        var text = RecordPages.Text(await client.PageAsync("/Dashboard"));
        Assert.Contains("Association Tableau de Bord", text, StringComparison.Ordinal);
        Assert.Contains("par agent@portail.test", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Association_accounts_do_not_see_the_staff_screens()
    {
        var client = await factory.SignedInClientAsync("association@portail.test");
        RecordPages.AssertForbidden(await client.GetAsync("/Dashboard"));
        RecordPages.AssertForbidden(await client.GetAsync("/Conventions"));
        RecordPages.AssertForbidden(await client.GetAsync("/Associations/Details/1"));
    }
}
