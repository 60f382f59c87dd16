using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Entities;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Records;

namespace PartnershipPortal.Tests.Conventions;

/// <summary>
/// The convention list's filters, sorts and export, and the details page, on three conventions each test writes in a
/// year of its own: two of one association with a call each, one of another association, in another region, outside any
/// call.
/// </summary>
public sealed partial class ConventionListTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private sealed record Written(int First, int Second, int Third, string FirstReference, string SecondReference, string ThirdReference,
        int AlifId, string Alif, string Ya, int EducationId, string CallB);

    [Fact]
    public async Task The_list_filters_by_association_domain_and_region_and_shows_each_convention_s_call()
    {
        const int Year = 2071;
        var data = await WriteAsync(Year);
        var client = await factory.SignedInClientAsync("manager@portail.test");

        Assert.Equal([data.FirstReference, data.ThirdReference], await ReferencesAsync(client, Year, $"associationId={data.AlifId}&sort=reference"));
        Assert.Equal([data.FirstReference], await ReferencesAsync(client, Year, $"domainId={data.EducationId}&sort=reference"));
        Assert.Equal([data.FirstReference, data.ThirdReference], await ReferencesAsync(client, Year, $"region={Region.Oriental}&sort=reference"));

        var html = await client.PageAsync($"/Conventions?year={Year}&sort=reference");
        Assert.Equal((data.CallB, "Hors appel"), (CallCell(html, data.FirstReference), CallCell(html, data.SecondReference)));
    }

    [Fact]
    public async Task The_list_is_newest_first_by_default_and_sorts_by_association_call_signing_date_and_projects()
    {
        const int Year = 2072;
        var data = await WriteAsync(Year);
        var client = await factory.SignedInClientAsync("manager@portail.test");

        Assert.Equal([data.ThirdReference, data.SecondReference, data.FirstReference], await ReferencesAsync(client, Year, ""));
        // Alif's two conventions, then Ya's; the first written first among Alif's.
        Assert.Equal([data.FirstReference, data.ThirdReference, data.SecondReference], await ReferencesAsync(client, Year, "sort=association"));
        // Outside any call first, then the calls by reference: AAP-2071-A (third), AAP-2071-B (first).
        Assert.Equal([data.SecondReference, data.ThirdReference, data.FirstReference], await ReferencesAsync(client, Year, "sort=call"));
        // Signed on 1 March (second), 1 April (third), 1 May (first).
        Assert.Equal([data.SecondReference, data.ThirdReference, data.FirstReference], await ReferencesAsync(client, Year, "sort=signed"));
        // One project each (second, third, as written), then the first's three.
        Assert.Equal([data.SecondReference, data.ThirdReference, data.FirstReference], await ReferencesAsync(client, Year, "sort=projects"));
    }

    [Fact]
    public async Task The_export_has_the_filtered_conventions_in_the_list_s_order_with_every_column()
    {
        const int Year = 2073;
        var data = await WriteAsync(Year);
        var client = await factory.SignedInClientAsync("manager@portail.test");

        var csv = await client.GetAsync($"/Conventions/Export?format=csv&year={Year}&sort=signed");

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF')
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
        [
            "Référence;Année;Association;Appel à projets;Signée le;Statut;Projets;Montant",
            $"{data.SecondReference};{Year};{data.Ya};;{Year}-03-01;Achevée;1;400,00",
            $"{data.ThirdReference};{Year};{data.Alif};AAP-{Year}-A;{Year}-04-01;Achevée;1;500,00",
            $"{data.FirstReference};{Year};{data.Alif};{data.CallB};{Year}-05-01;Achevée;3;6000,00",
        ], lines);
    }

    [Fact]
    public async Task The_details_page_shows_the_call_or_its_absence_and_only_the_convention_s_projects_in_the_order_they_were_written()
    {
        const int Year = 2074;
        var data = await WriteAsync(Year);
        var client = await factory.SignedInClientAsync("manager@portail.test");

        var first = RecordPages.Text(await client.PageAsync($"/Conventions/Details/{data.First}"));
        Assert.Contains($"{data.CallB} · Appel de mai", first, StringComparison.Ordinal);
        var zebre = first.IndexOf("Zèbre", StringComparison.Ordinal);
        var alpha = first.IndexOf("Alpha", StringComparison.Ordinal);
        var milieu = first.IndexOf("Milieu", StringComparison.Ordinal);
        Assert.True(zebre >= 0 && zebre < alpha && alpha < milieu, "The projects are listed in the order they were written.");
        Assert.DoesNotContain("Aide d'Ya", first, StringComparison.Ordinal);

        var second = RecordPages.Text(await client.PageAsync($"/Conventions/Details/{data.Second}"));
        Assert.Contains("Hors appel à projets", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Zèbre", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_details_page_lists_the_amendments_oldest_first_whatever_order_they_were_stored_in()
    {
        const int Year = 2075;
        var data = await WriteAsync(Year);
        var reference = data.FirstReference;
        await factory.WithDbAsync(async db =>
        {
            // The second amendment stored before the first, as an import could.
            db.Amendments.Add(new ConventionAmendment
            {
                ConventionId = data.First, Number = 2, Reference = reference + "-AV2", Date = new DateOnly(Year, 9, 1), Reason = "Deuxième motif",
                TotalBeforeCentimes = 600_000, TotalAfterCentimes = 650_000,
            });
            db.Amendments.Add(new ConventionAmendment
            {
                ConventionId = data.First, Number = 1, Reference = reference + "-AV1", Date = new DateOnly(Year, 6, 1), Reason = "Premier motif",
                TotalBeforeCentimes = 500_000, TotalAfterCentimes = 600_000,
            });
            await db.SaveChangesAsync();
        });
        var client = await factory.SignedInClientAsync("manager@portail.test");

        var html = await client.PageAsync($"/Conventions/Details/{data.First}");

        Assert.Equal([reference + "-AV1", reference + "-AV2"], AmendmentReferences().Matches(html).Select(m => m.Groups[1].Value));
    }

    private static async Task<List<string>> ReferencesAsync(HttpClient client, int year, string query)
    {
        var html = await client.PageAsync($"/Conventions?year={year}&pageSize=100&{query}");
        return [.. RowReference().Matches(html).Select(m => m.Groups[1].Value)];
    }

    private static string CallCell(string html, string reference)
    {
        var row = Regex.Match(html, $"<tr>\\s*<td class=\"text-nowrap\"><a href=\"/Conventions/Details/\\d+\">{Regex.Escape(reference)}</a></td>.*?</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, $"No row for {reference}.");
        return Regex.Match(row.Value, "<td class=\"text-nowrap\">([^<]*)</td>").Groups[1].Value.Trim();
    }

    private Task<Written> WriteAsync(int year) => factory.WithDbAsync(async db =>
    {
        var domains = await db.Domains.ToDictionaryAsync(d => d.Code, d => d.Id);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var alif = new Association { Name = $"Association Alif {tag}", RegistrationNumber = $"LIST-A-{tag}", City = "Oujda", Region = Region.Oriental };
        var ya = new Association { Name = $"Association Ya {tag}", RegistrationNumber = $"LIST-Y-{tag}", City = "Agadir", Region = Region.SoussMassa };
        var callA = new CallForProjects { Reference = $"AAP-{year}-A", Title = "Appel d'avril", Year = year };
        var callB = new CallForProjects { Reference = $"AAP-{year}-B", Title = "Appel de mai", Year = year };
        Convention Convention(int sequence, Association association, CallForProjects? call, DateOnly signed, params (string Title, string Domain, long Centimes)[] lines)
        {
            var convention = new Convention
            {
                Reference = PartnershipPortal.Data.Entities.Convention.FormatReference(year, sequence), BudgetYear = year, Sequence = sequence,
                Association = association, CallForProjects = call, Status = ConventionStatus.Completed, SigningDate = signed,
            };
            foreach (var (title, domain, centimes) in lines)
            {
                convention.Projects.Add(new Project
                {
                    Title = title, City = association.City, BudgetYear = year, DomainId = domains[domain], AmountCentimes = centimes,
                    Status = ProjectStatus.Completed,
                });
            }

            convention.RecomputeTotal();
            return convention;
        }

        var first = Convention(1, alif, callB, new DateOnly(year, 5, 1), ("Zèbre", "EDU", 100_000), ("Alpha", "EDU", 200_000), ("Milieu", "EDU", 300_000));
        db.Conventions.Add(first);
        await db.SaveChangesAsync();
        var second = Convention(2, ya, null, new DateOnly(year, 3, 1), ("Aide d'Ya", "HUM", 40_000));
        db.Conventions.Add(second);
        await db.SaveChangesAsync();
        var third = Convention(3, alif, callA, new DateOnly(year, 4, 1), ("Colonie d'Alif", "CAMP", 50_000));
        db.Conventions.Add(third);
        await db.SaveChangesAsync();
        return new Written(first.Id, second.Id, third.Id, first.Reference, second.Reference, third.Reference,
            alif.Id, alif.Name, ya.Name, domains["EDU"], callB.Reference);
    });

    [GeneratedRegex("<td class=\"text-nowrap\"><a href=\"/Conventions/Details/\\d+\">([^<]+)</a>")]
    private static partial Regex RowReference();

    [GeneratedRegex("data-amendment=\"([^\"]+)\"")]
    private static partial Regex AmendmentReferences();
}
