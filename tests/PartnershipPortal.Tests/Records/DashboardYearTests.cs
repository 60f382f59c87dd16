using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using static PartnershipPortal.Tests.Conventions.ConventionTestData;

namespace PartnershipPortal.Tests.Records;

/// <summary>One year of the dashboard, from conventions the test writes in a year of its own.</summary>
public sealed class DashboardYearTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_year_counts_its_drafts_apart_and_lists_its_domains_by_amount_with_their_share()
    {
        await AddAsync(factory, 2071, ConventionStatus.Signed, new Line("Cours du soir", 10_000_00, Domain: "EDU"), new Line("Théâtre", 30_000_00, Domain: "CULT"));
        await AddAsync(factory, 2071, ConventionStatus.Draft, new Line("Projet en préparation", 5_000_00));
        await AddAsync(factory, 2071, ConventionStatus.Draft, new Line("Autre projet en préparation", 5_000_00));
        // Three drafts of other years: counted with them, the figure could not be 2 whatever the demo data holds.
        await AddAsync(factory, 2072, ConventionStatus.Draft, new Line("Projet de l'an suivant", 5_000_00));
        await AddAsync(factory, 2072, ConventionStatus.Draft, new Line("Autre projet de l'an suivant", 5_000_00));
        await AddAsync(factory, 2070, ConventionStatus.Draft, new Line("Projet de l'an précédent", 5_000_00));
        var names = await factory.WithDbAsync(db => db.Domains.ToDictionaryAsync(d => d.Code, d => d.NameFr));
        var client = await factory.SignedInClientAsync("manager@portail.test");

        var html = await client.GetStringAsync("/Dashboard?year=2071");

        Assert.Contains("+ 2 en brouillon", RecordPages.Text(html), StringComparison.Ordinal);
        var table = Regex.Match(html, "aria-labelledby=\"by-domain\">.*?<tbody>(.*?)</tbody>", RegexOptions.Singleline).Groups[1].Value;
        var rows = Regex.Matches(table, "<tr>(.*?)</tr>", RegexOptions.Singleline)
            .Select(r => Regex.Matches(r.Groups[1].Value, "<td[^>]*>(.*?)</td>").Select(c => RecordPages.Text(c.Groups[1].Value).Trim().Replace('\u202F', ' ')).ToList())
            .Where(cells => cells[1] != "0")
            .Select(cells => (cells[0], cells[1], cells[2], cells[3]))
            .ToList();
        Assert.Equal([(names["CULT"], "1", "30 000 DH", "75,0 %"), (names["EDU"], "1", "10 000 DH", "25,0 %")], rows);
    }
}
