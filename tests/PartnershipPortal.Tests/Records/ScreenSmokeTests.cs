using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data;
using PartnershipPortal.Tests.Infrastructure;

namespace PartnershipPortal.Tests.Records;

/// <summary>
/// Every screen opens, and shows what makes it that screen: its heading, and for a record's screens that record's own
/// title, name or reference read from the database (a page that answered 200 with the wrong record, or an empty
/// layout, fails). The records are the first of each table, whatever their id.
/// </summary>
public sealed class ScreenSmokeTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/Dashboard", "Tableau de bord", null)]
    [InlineData("/Dashboard?year=2018", "Tableau de bord 2018", null)]
    [InlineData("/Associations", "Associations", null)]
    [InlineData("/Associations?sort=total&desc=true&page=2", "Associations", null)]
    [InlineData("/Associations/Details/{association}", null, "association")]
    [InlineData("/Associations/Edit/{association}", "Modifier l'association", "association")]
    [InlineData("/Associations/Create", "Nouvelle association", null)]
    [InlineData("/Calls", "Appels à projets", null)]
    [InlineData("/Calls?sort=conventions", "Appels à projets", null)]
    [InlineData("/Calls/Details/{call}", null, "call")]
    [InlineData("/Calls/Edit/{call}", "Modifier l'appel à projets", "call")]
    [InlineData("/Calls/Create", "Nouvel appel à projets", null)]
    [InlineData("/Conventions", "Conventions", null)]
    [InlineData("/Conventions?year=2017&domainId=1&region=Oriental&sort=association", "Conventions", null)]
    [InlineData("/Conventions/Details/{convention}", "Convention ", "convention")]
    [InlineData("/Conventions/Edit/{convention}", "Modifier la convention ", "convention")]
    [InlineData("/Conventions/Create", "Nouvelle convention", null)]
    [InlineData("/Conventions/Delete/{convention}", "Supprimer la convention", "convention")]
    [InlineData("/Projects", "Projets", null)]
    [InlineData("/Projects?year=2018&sort=amount&desc=true&city=Rabat", "Projets", null)]
    [InlineData("/Projects/Details/{project}", null, "project")]
    [InlineData("/Projects/Edit/{project}", "Modifier le projet", "project")]
    [InlineData("/Activities", "Activités du programme", null)]
    [InlineData("/Activities/Details/{activity}", null, "activity")]
    [InlineData("/Activities/Edit/{activity}", "Modifier l'activité", "activity")]
    [InlineData("/Activities/Create", "Nouvelle activité", null)]
    public async Task Agent_opens_every_screen_and_sees_what_it_is_about(string url, string? heading, string? record)
    {
        var client = await factory.SignedInClientAsync("agent@portail.test");
        await AssertScreenAsync(client, url, heading, record);
    }

    [Theory]
    [InlineData("/Domains", "Domaines d'intervention", null)]
    [InlineData("/Domains/Edit/{domain}", "Modifier le domaine d'intervention", "domain")]
    [InlineData("/Domains/Create", "Nouveau domaine d'intervention", null)]
    [InlineData("/Domains/Delete/{domain}", "Supprimer le domaine d'intervention", "domain")]
    [InlineData("/Associations/Delete/{association}", "Supprimer l'association", "association")]
    [InlineData("/Calls/Delete/{call}", "Supprimer l'appel à projets", "call")]
    [InlineData("/Projects/Delete/{project}", "Supprimer le projet", "project")]
    [InlineData("/Activities/Delete/{activity}", "Supprimer l'activité", "activity")]
    public async Task Administrator_opens_domains_and_delete_pages_and_sees_what_they_are_about(string url, string? heading, string? record)
    {
        var client = await factory.SignedInClientAsync("admin@portail.test");
        await AssertScreenAsync(client, url, heading, record);
    }

    /// <summary>The page's heading holds <paramref name="heading"/> (or the record's text when null); the record's text is on the page.</summary>
    private async Task AssertScreenAsync(HttpClient client, string url, string? heading, string? record)
    {
        var (id, text) = record is null ? (0, null) : await factory.WithDbAsync(db => FirstAsync(db, record));
        var html = await client.PageAsync(url.Replace($"{{{record}}}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var h1 = System.Text.RegularExpressions.Regex.Match(html, "<h1[^>]*>(.*?)</h1>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(h1.Success, $"{url} has no heading: {RecordPages.Excerpt(html)}");
        Assert.Contains(heading ?? text!, RecordPages.Text(h1.Groups[1].Value), StringComparison.Ordinal);
        if (text is not null)
        {
            // Forms show the record in their inputs' values, other screens in their text.
            Assert.Contains(text, System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        }
    }

    /// <summary>The first record of a table, by id, and the text its screens must show.</summary>
    private static async Task<(int Id, string Text)> FirstAsync(PortalDbContext db, string record) => record switch
    {
        "association" => await db.Associations.AsNoTracking().OrderBy(a => a.Id).Select(a => ValueTuple.Create(a.Id, a.Name)).FirstAsync(),
        "call" => await db.Calls.AsNoTracking().OrderBy(c => c.Id).Select(c => ValueTuple.Create(c.Id, c.Title)).FirstAsync(),
        "convention" => await db.Conventions.AsNoTracking().OrderBy(c => c.Id).Select(c => ValueTuple.Create(c.Id, c.Reference)).FirstAsync(),
        "project" => await db.Projects.AsNoTracking().OrderBy(p => p.Id).Select(p => ValueTuple.Create(p.Id, p.Title)).FirstAsync(),
        "activity" => await db.Activities.AsNoTracking().OrderBy(a => a.Id).Select(a => ValueTuple.Create(a.Id, a.Title)).FirstAsync(),
        "domain" => await db.Domains.AsNoTracking().OrderBy(d => d.Id).Select(d => ValueTuple.Create(d.Id, d.NameFr)).FirstAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(record), record, null),
    };
}
