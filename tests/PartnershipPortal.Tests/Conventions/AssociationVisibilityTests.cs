using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using PartnershipPortal.Data;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Security;
using static PartnershipPortal.Tests.Conventions.ConventionTestData;

namespace PartnershipPortal.Tests.Conventions;

/// <summary>An association sees what the ministry signed, and never a draft, a cancelled draft or an internal note.</summary>
public sealed partial class AssociationVisibilityTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Marker = "NOTE-INTERNE-QX7";

    [Fact]
    public async Task No_page_the_association_can_reach_shows_a_draft_a_cancelled_draft_or_an_internal_note()
    {
        var associationId = await SecurityTestKit.DemoAssociationIdAsync(factory);
        var draft = await AddAsync(factory, 2081, ConventionStatus.Draft, associationId, Marker + " brouillon : montant encore discuté", "Message QX7 du brouillon",
            new Line("Projet QX7 en discussion", 77_777_00));
        var cancelled = await AddAsync(factory, 2081, ConventionStatus.Cancelled, associationId, Marker + " annulée", null,
            new Line("Projet QX7 abandonné", 66_666_00));
        var signed = await AddAsync(factory, 2081, ConventionStatus.Signed, associationId, Marker + " signée : à relancer", "Bienvenue QX7 dans le programme",
            new Line("Projet QX7 signé", 55_555_00));
        var references = await factory.WithDbAsync(db => db.Conventions.Where(c => c.Id == draft || c.Id == cancelled || c.Id == signed)
            .ToDictionaryAsync(c => c.Id, c => c.Reference));
        var client = await factory.SignedInClientAsync("association@portail.test");

        var pages = await CrawlAsync(client, ["/MonEspace", "/MonEspace?culture=ar", "/MonEspace?culture=en"]);

        Assert.Contains(pages.Keys, url => url.Contains($"/MonEspace/Conventions/{signed}", StringComparison.Ordinal));
        Assert.Contains(pages.Values, html => html.Contains("Bienvenue QX7 dans le programme", StringComparison.Ordinal));
        Assert.Contains(pages.Values, html => html.Contains(references[signed], StringComparison.Ordinal));
        foreach (var (url, html) in pages)
        {
            Assert.DoesNotContain(Marker, html, StringComparison.Ordinal);
            Assert.DoesNotContain("QX7 du brouillon", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Projet QX7 en discussion", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Projet QX7 abandonné", html, StringComparison.Ordinal);
            Assert.False(html.Contains(references[draft], StringComparison.Ordinal), $"{url} shows the draft {references[draft]}");
            Assert.False(html.Contains(references[cancelled], StringComparison.Ordinal), $"{url} shows the cancelled draft {references[cancelled]}");
        }

        // The association's year total is the signed convention's only.
        Assert.Contains("55\u00A0555", WebUtility.HtmlDecode(pages["/MonEspace"]), StringComparison.Ordinal);
        Assert.DoesNotContain("77\u00A0777", WebUtility.HtmlDecode(pages["/MonEspace"]), StringComparison.Ordinal);

        // The exports it could try are refused to it altogether.
        foreach (var export in new[] { "/Bilan/2081", "/Bilan/2081/Pdf", "/Bilan/2081/Excel", $"/Conventions/Details/{draft}", $"/Projects?year=2081" })
        {
            var response = await client.GetAsync(export);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{export} answered {(int)response.StatusCode}");
            Assert.DoesNotContain(Marker, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_draft_or_a_cancelled_draft_answers_exactly_like_a_missing_convention()
    {
        var associationId = await SecurityTestKit.DemoAssociationIdAsync(factory);
        var draft = await AddAsync(factory, 2082, ConventionStatus.Draft, associationId, Marker, null, new Line("Projet", 1_000_00));
        var cancelled = await AddAsync(factory, 2082, ConventionStatus.Cancelled, associationId, Marker, null, new Line("Projet", 1_000_00));
        var signed = await AddAsync(factory, 2082, ConventionStatus.Completed, associationId, Marker, null, new Line("Projet", 1_000_00));
        var client = await factory.SignedInClientAsync("association@portail.test");

        var missing = await client.GetAsync("/MonEspace/Conventions/999999");
        var missingBody = WithoutTokens(await missing.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        foreach (var id in new[] { draft, cancelled })
        {
            var response = await client.GetAsync($"/MonEspace/Conventions/{id}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(missingBody, WithoutTokens(await response.Content.ReadAsStringAsync()));
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/MonEspace/Conventions/{signed}")).StatusCode);
    }

    [Fact]
    public async Task Signing_a_draft_makes_it_appear_in_the_space()
    {
        var associationId = await SecurityTestKit.DemoAssociationIdAsync(factory);
        var id = await AddAsync(factory, 2083, ConventionStatus.Draft, associationId, null, "Signature prévue QX8", new Line("Projet QX8", 4_000_00));
        var association = await factory.SignedInClientAsync("association@portail.test");
        var agent = await factory.SignedInClientAsync("agent@portail.test");
        Assert.DoesNotContain("Projet QX8", await association.GetStringAsync("/MonEspace"), StringComparison.Ordinal);

        var version = (await LoadAsync(factory, id)).Version.ToString();
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(agent, $"/Conventions/Transition/{id}?transition=Sign", ("Version", version), ("Date", "2083-02-02"))).StatusCode);

        var page = WebUtility.HtmlDecode(await association.GetStringAsync($"/MonEspace/Conventions/{id}"));
        Assert.Contains("Projet QX8", page, StringComparison.Ordinal);
        Assert.Contains("Signature prévue QX8", page, StringComparison.Ordinal);
        Assert.Contains("02/02/2083", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_migration_keeps_existing_notes_as_internal_notes_never_as_a_message()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var migrations = db.Database.GetMigrations().ToList();
        var mine = migrations.FindIndex(m => m.EndsWith("_ConventionLifecycle", StringComparison.Ordinal));
        Assert.True(mine > 0, "The ConventionLifecycle migration is missing.");
        var migrator = db.GetService<IMigrator>();

        await migrator.MigrateAsync(migrations[mine - 1]);
        var written = await db.Database.ExecuteSqlRawAsync("UPDATE Conventions SET Notes = 'Note d''avant ' || Id");
        await migrator.MigrateAsync();

        var conventions = await db.Conventions.AsNoTracking().Select(c => new { c.Id, c.InternalNotes, c.MessageToAssociation }).ToListAsync();
        Assert.Equal(written, conventions.Count);
        Assert.All(conventions, c => Assert.Equal($"Note d'avant {c.Id}", c.InternalNotes));
        Assert.All(conventions, c => Assert.Null(c.MessageToAssociation));
    }

    /// <summary>Every page reachable by following the links of the given pages (same site, GET), with its HTML.</summary>
    private static async Task<Dictionary<string, string>> CrawlAsync(HttpClient client, IEnumerable<string> start)
    {
        var pages = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>(start);
        while (queue.Count > 0 && pages.Count < 300)
        {
            var url = queue.Dequeue();
            if (pages.ContainsKey(url))
            {
                continue;
            }

            var response = await client.GetAsync(url);
            var html = await response.Content.ReadAsStringAsync();
            pages[url] = html;
            foreach (Match link in Href().Matches(html))
            {
                var target = WebUtility.HtmlDecode(link.Groups[1].Value);
                if (target.StartsWith('/') && !target.StartsWith("//", StringComparison.Ordinal) && !pages.ContainsKey(target)
                    && !target.StartsWith("/lib/", StringComparison.Ordinal) && !target.StartsWith("/css/", StringComparison.Ordinal))
                {
                    queue.Enqueue(target);
                }
            }
        }

        return pages;
    }

    private static string WithoutTokens(string html) =>
        Regex.Replace(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"", "");

    [GeneratedRegex("href=\"([^\"#]+)\"")]
    private static partial Regex Href();
}
