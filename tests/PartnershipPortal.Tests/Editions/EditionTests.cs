using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Data.Seeding;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Security;
using PartnershipPortal.Web.Features.Bilan;
using PartnershipPortal.Web.Features.Editions;

namespace PartnershipPortal.Tests.Editions;

/// <summary>
/// The bilan's editions: a manager writes one, previews it with the live figures and publishes it; a published version
/// keeps its figures whatever happens to the records afterwards, and publishing again adds the next version.
/// </summary>
public sealed partial class EditionTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Manager = "manager@portail.test";

    [Fact]
    public async Task A_published_edition_keeps_its_figures_when_a_record_of_its_year_changes_and_the_live_bilan_follows()
    {
        using var manager = await factory.SignedInClientAsync(Manager);
        var id = await CreateAsync(manager, 2018, 2018, "Introduction de l'édition 2018 (gel).");
        var before = await LiveTotalCentimesAsync(2018);
        Assert.Equal(1, await PublishAsync(manager, id));

        const long Added = 12_345_00;
        await ChangeA2018ProjectAmountAsync(Added);

        // The published version: its JSON, its public page and its staff page still show the total of the day.
        var published = await FiguresAsync(id, 1);
        Assert.Equal(before / 100m, published.GetProperty("years")[0].GetProperty("amount_dh").GetDecimal());
        using var anonymous = SecurityTestKit.AnonymousClient(factory);
        var publicPage = await TextAsync(anonymous, $"/Publications/{id}/Versions/1");
        Assert.Contains(BilanText.Count(before / 100), publicPage, StringComparison.Ordinal);
        Assert.DoesNotContain(BilanText.Count((before + Added) / 100), publicPage, StringComparison.Ordinal);
        var staffPage = await TextAsync(manager, $"/Bilan/Editions/{id}/Versions/1");
        Assert.Contains(BilanText.Count(before / 100), staffPage, StringComparison.Ordinal);

        // The live bilan and the edition's preview show the new total.
        var live = await TextAsync(manager, "/Bilan/2018");
        Assert.Contains(BilanText.Count((before + Added) / 100), live, StringComparison.Ordinal);
        var preview = await TextAsync(manager, $"/Bilan/Editions/{id}");
        Assert.Contains(BilanText.Count((before + Added) / 100), preview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publishing_again_adds_the_next_version_and_the_earlier_one_stays_as_it_was()
    {
        using var manager = await factory.SignedInClientAsync(Manager);
        var id = await CreateAsync(manager, 2018, 2018, "Première introduction.");
        Assert.Equal(1, await PublishAsync(manager, id));
        var first = await FiguresAsync(id, 1);

        const long Added = 1_000_00;
        await ChangeA2018ProjectAmountAsync(Added);
        var edited = await manager.PostFormAsync($"/Bilan/Editions/{id}/Edit", $"/Bilan/Editions/{id}/Edit", Fields(2018, 2018, "Seconde introduction.", await VersionTokenAsync(manager, id)));
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal(2, await PublishAsync(manager, id));

        var again = await FiguresAsync(id, 1);
        var second = await FiguresAsync(id, 2);
        Assert.Equal(first.GetProperty("years")[0].GetProperty("amount_dh").GetDecimal(), again.GetProperty("years")[0].GetProperty("amount_dh").GetDecimal());
        Assert.Equal("Première introduction.", again.GetProperty("introduction").GetProperty("fr").GetString());
        Assert.Equal(
            first.GetProperty("years")[0].GetProperty("amount_dh").GetDecimal() + (Added / 100m),
            second.GetProperty("years")[0].GetProperty("amount_dh").GetDecimal());
        Assert.Equal("Seconde introduction.", second.GetProperty("introduction").GetProperty("fr").GetString());

        // The edition's address shows the latest version and links the earlier one.
        using var anonymous = SecurityTestKit.AnonymousClient(factory);
        var latest = await anonymous.GetStringAsync($"/Publications/{id}");
        Assert.Contains("Seconde introduction.", latest, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Publications/{id}/Versions/1\"", latest, StringComparison.Ordinal);
        var firstPage = await anonymous.GetStringAsync($"/Publications/{id}/Versions/1");
        Assert.Contains("Première introduction.", firstPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Seconde introduction.", firstPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_two_year_edition_numbers_its_tables_and_charts_on_from_the_first_year()
    {
        using var manager = await factory.SignedInClientAsync(Manager);
        var id = await CreateAsync(manager, 2017, 2018, "Bilan au titre des années 2017 et 2018.");

        string[] expected =
        [
            "Bilan au titre des années 2017 et 2018.",
            "Tableau N° 01 : Bilan du partenariat pour l'année 2017",
            "Graphique N°1 : Répartition des projets",
            "Graphique N°2 : Répartition du montant",
            "Tableau N° 02 : Bilan du partenariat pour l'année 2018",
            "Graphique N°3 : Répartition des projets",
            "Graphique N°4 : Répartition du montant",
        ];
        BilanText.AssertInOrder(await TextAsync(manager, $"/Bilan/Editions/{id}"), expected);

        await PublishAsync(manager, id);
        using var anonymous = SecurityTestKit.AnonymousClient(factory);
        var page = await TextAsync(anonymous, $"/Publications/{id}");
        BilanText.AssertInOrder(page, expected);
        Assert.DoesNotContain("Tableau N° 03", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Graphique N°5", page, StringComparison.Ordinal);

        // The open data carries the same numbers, and each year's lines add up to that year's published total.
        var csv = (await anonymous.GetStringAsync($"/Publications/{id}/Versions/1/Csv")).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', EditionOpenData.CsvColumns), lines[0]);
        var rows = lines.Skip(1).Select(CsvFields).ToList();
        var figures = await FiguresAsync(id, 1);
        foreach (var year in figures.GetProperty("years").EnumerateArray())
        {
            var number = year.GetProperty("year").GetInt32();
            var ofYear = rows.Where(r => r[3] == number.ToString(CultureInfo.InvariantCulture)).ToList();
            Assert.All(ofYear, r => Assert.Equal(number == 2017 ? "1" : "2", r[4]));
            Assert.Equal(await LiveTotalCentimesAsync(number) / 100m, ofYear.Sum(r => decimal.Parse(r[10], CultureInfo.InvariantCulture)));
            Assert.Equal(year.GetProperty("projects").GetInt32(), ofYear.Sum(r => int.Parse(r[9], CultureInfo.InvariantCulture)));
        }
    }

    [Fact]
    public async Task The_demo_editions_pdf_has_the_source_documents_figures_numbered_across_its_two_years()
    {
        var id = await factory.WithDbAsync(db => db.BilanEditions
            .Where(e => e.FirstYear == 2017 && e.LastYear == 2018 && e.IntroductionFr == DemoEditionSeeder.Introduction)
            .Select(e => e.Id).SingleAsync());
        var source = PublishedBilan.Load();
        var domains = source.Domains.ToDictionary(d => d.Code, d => d.Fr);
        using var anonymous = SecurityTestKit.AnonymousClient(factory);

        using var response = await anonymous.GetAsync($"/Publications/{id}/Versions/1/Pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var text = BilanText.Normalize(string.Join("\n", pdf.GetPages().Select(p => p.Text)));
        var expected = new List<string> { "au titre des années 2017 et 2018", "Ce partenariat vise à contribuer" };
        foreach (var (year, number) in new[] { (2017, 1), (2018, 2) })
        {
            var published = source.Year(year);
            expected.Add($"Tableau N° 0{number} : Bilan du partenariat pour l'année {year}");
            foreach (var row in published.Rows)
            {
                expected.AddRange([domains[row.Domain], BilanText.Count(row.Projects), BilanText.Count(row.Amount)]);
            }

            expected.AddRange(["Total", BilanText.Count(published.Projects), BilanText.Count(published.Amount)]);
            expected.AddRange([$"Graphique N°{(2 * number) - 1}", $"Graphique N°{2 * number}", $"Activités du programme en {year}"]);
        }

        BilanText.AssertInOrder(text, expected);
        Assert.DoesNotContain("Tableau N° 03", text, StringComparison.Ordinal);

        // The 2018 workshop's partners, which the yearly bilan leaves out, are in the edition.
        var page = await TextAsync(anonymous, $"/Publications/{id}");
        BilanText.AssertInOrder(page, ["Activités du programme en 2018", "Partenaires : Organisation Internationale pour les Migrations (OIM) · Agence de Développement Social (ADS)"]);
    }

    [Theory]
    [InlineData("agent@portail.test")]
    [InlineData("association@portail.test")]
    public async Task Agents_and_associations_cannot_create_edit_or_publish(string email)
    {
        using var manager = await factory.SignedInClientAsync(Manager);
        var id = await CreateAsync(manager, 2017, 2017, "Édition que seuls les gestionnaires publient.");
        using var client = await factory.SignedInClientAsync(email);
        // A page of the client's own, for an antiforgery token of its own session.
        var token = HtmlForms.AntiforgeryToken(await client.GetStringAsync("/Account/ChangePassword"));

        foreach (var url in new[] { $"/Bilan/Editions/{id}/Publish", $"/Bilan/Editions/{id}/Edit", "/Bilan/Editions/Create" })
        {
            using var response = await client.PostAsync(url, new FormUrlEncodedContent(
                [.. Fields(2017, 2017, "Changée par un autre rôle.", Guid.Empty), new("__RequestVerificationToken", token)]));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"POST {url} as {email} answered {(int)response.StatusCode}.");
        }

        Assert.Equal(0, await factory.WithDbAsync(db => db.BilanEditionVersions.CountAsync(v => v.EditionId == id)));
        Assert.Equal("Édition que seuls les gestionnaires publient.", await factory.WithDbAsync(db => db.BilanEditions.Where(e => e.Id == id).Select(e => e.IntroductionFr).SingleAsync()));
    }

    [Fact]
    public async Task Anonymous_visitors_see_only_published_editions_and_never_who_published_them()
    {
        using var manager = await factory.SignedInClientAsync(Manager);
        var draft = await CreateAsync(manager, 2017, 2017, "Brouillon jamais publié.");
        var published = await CreateAsync(manager, 2017, 2017, "Édition publiée pour tous.");
        await PublishAsync(manager, published);

        using var anonymous = SecurityTestKit.AnonymousClient(factory);
        var list = await anonymous.GetStringAsync("/Publications");
        Assert.Contains($"href=\"/Publications/{published}\"", list, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/Publications/{draft}\"", list, StringComparison.Ordinal);

        foreach (var url in new[] { $"/Publications/{draft}", $"/Publications/{draft}/Versions/1", $"/Publications/{draft}/Versions/1/Csv", $"/Publications/{draft}/Versions/1/Json", $"/Publications/{published}/Versions/2" })
        {
            using var response = await anonymous.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} answered {(int)response.StatusCode}.");
        }

        foreach (var url in new[] { $"/Publications/{published}", $"/Publications/{published}/Versions/1/Csv", $"/Publications/{published}/Versions/1/Json" })
        {
            using var response = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain(Manager, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }

        // The staff's pages of the same editions send the anonymous visitor to the sign-in page.
        foreach (var url in new[] { "/Bilan/Editions", $"/Bilan/Editions/{draft}", $"/Bilan/Editions/{published}/Versions/1", "/Bilan/2017" })
        {
            using var response = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/Login", response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.AbsolutePath : response.Headers.Location.OriginalString, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_published_versions_files_may_be_cached_and_its_json_names_the_documented_fields()
    {
        using var manager = await factory.SignedInClientAsync(Manager);
        var id = await CreateAsync(manager, 2018, 2018, "Édition pour les données ouvertes.");
        await PublishAsync(manager, id);

        using var anonymous = SecurityTestKit.AnonymousClient(factory);
        using var response = await anonymous.GetAsync($"/Publications/{id}/Versions/1/Json");
        Assert.True(response.Headers.CacheControl?.Public);
        Assert.Equal(TimeSpan.FromDays(1), response.Headers.CacheControl?.MaxAge);

        var text = await response.Content.ReadAsStringAsync();
        // Indented as docs/open-data.md says, for a reader who opens it in a text editor.
        Assert.Contains("\n  \"years\": [\n    {\n", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(text);
        var documented = await File.ReadAllTextAsync(Path.Combine(Localization.LocalizationKeys.RepositoryRoot, "docs", "open-data.md"));
        var domain = json.RootElement.GetProperty("years")[0].GetProperty("domains")[0];
        foreach (var field in domain.EnumerateObject().Select(p => p.Name).Concat(json.RootElement.EnumerateObject().Select(p => p.Name)))
        {
            Assert.Contains($"`{field}`", documented, StringComparison.Ordinal);
        }

        foreach (var column in EditionOpenData.CsvColumns)
        {
            Assert.Contains($"`{column}`", documented, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Publishing_writes_who_published_which_edition_and_which_version_in_the_audit_log()
    {
        using var manager = await factory.SignedInClientAsync(Manager);
        var id = await CreateAsync(manager, 2017, 2018, "Édition pour le journal d'audit.");
        Assert.Equal(1, await PublishAsync(manager, id));
        Assert.Equal(2, await PublishAsync(manager, id));

        using var admin = await factory.SignedInClientAsync("admin@portail.test");
        var html = await admin.GetStringAsync("/AuditLog?action=Publish&entity=BilanEdition");
        var rows = Regex.Matches(html, "<tr>(.*?)</tr>", RegexOptions.Singleline)
            .Select(m => BilanText.Normalize(WebUtility.HtmlDecode(TagPattern().Replace(m.Groups[1].Value, " "))).Trim())
            .Where(r => r.Contains($"BilanEdition {id} ", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Contains($"{Manager} Publication d'une édition BilanEdition {id} 2017–2018 · version", r, StringComparison.Ordinal));
        Assert.Contains(rows, r => r.EndsWith("version 1", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.EndsWith("version 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_versions_workbook_follows_the_document_and_keeps_the_frozen_figures_after_a_record_changes()
    {
        using var manager = await factory.SignedInClientAsync(Manager);
        var id = await CreateAsync(manager, 2017, 2018, "Introduction du classeur.\nSecond paragraphe du classeur.");
        var expected = await CountedByDomainAsync();
        var number = await PublishAsync(manager, id);
        await ChangeA2018ProjectAmountAsync(12_345_00);
        var partners = await factory.WithDbAsync(db => db.Activities.Where(a => a.StartDate!.Value.Year == 2018 && a.Partners != null).Select(a => a.Partners!).ToListAsync());

        using var anonymous = SecurityTestKit.AnonymousClient(factory);
        using var response = await anonymous.GetAsync($"/Publications/{id}/Versions/{number}/Excel");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.Public);
        using var workbook = new ClosedXML.Excel.XLWorkbook(await response.Content.ReadAsStreamAsync());

        Assert.Equal(["Introduction", "2017", "2018"], workbook.Worksheets.Select(w => w.Name));
        var introduction = workbook.Worksheet("Introduction");
        Assert.Equal(["Introduction du classeur.", "Second paragraphe du classeur."], new[] { introduction.Cell(4, 1).GetString(), introduction.Cell(5, 1).GetString() });
        foreach (var (year, table) in new[] { (2017, "01"), (2018, "02") })
        {
            var sheet = workbook.Worksheet(year.ToString(CultureInfo.InvariantCulture));
            var column = sheet.Column(1).CellsUsed().Select(c => (Row: c.Address.RowNumber, Text: c.GetString())).ToList();
            var caption = column.Single(c => c.Text.StartsWith("Tableau N° ", StringComparison.Ordinal));
            Assert.Equal($"Tableau N° {table} : Bilan du partenariat pour l'année {year}", caption.Text);
            var total = column.First(c => c.Row > caption.Row && c.Text == "Total").Row;
            var rows = Enumerable.Range(caption.Row + 2, total - caption.Row - 2)
                .ToDictionary(r => sheet.Cell(r, 1).GetString(), r => (sheet.Cell(r, 2).GetValue<long>(), sheet.Cell(r, 3).GetValue<long>() * 100));
            Assert.Equal(expected[year].OrderBy(e => e.Key, StringComparer.Ordinal), rows.OrderBy(e => e.Key, StringComparer.Ordinal));
            Assert.Equal((expected[year].Values.Sum(v => v.Projects), expected[year].Values.Sum(v => v.Centimes)),
                (sheet.Cell(total, 2).GetValue<long>(), sheet.Cell(total, 3).GetValue<long>() * 100));
            var charts = year == 2017 ? ("Graphique N°1 ", "Graphique N°2 ") : ("Graphique N°3 ", "Graphique N°4 ");
            Assert.Contains(column, c => c.Text.StartsWith(charts.Item1, StringComparison.Ordinal));
            Assert.Contains(column, c => c.Text.StartsWith(charts.Item2, StringComparison.Ordinal));
        }

        // The 2018 workshop's partners, one per line in the record, as the document names them.
        var partnerCells = workbook.Worksheet("2018").Column(4).CellsUsed().Select(c => c.GetString()).ToList();
        Assert.NotEmpty(partners);
        Assert.All(partners.SelectMany(p => p.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
            partner => Assert.Contains(partnerCells, cell => cell.Contains(partner, StringComparison.Ordinal)));

        // Staff download the same frozen figures from the edition's page.
        using var staff = await manager.GetAsync($"/Bilan/Editions/{id}/Versions/{number}/Excel");
        using var staffBook = new ClosedXML.Excel.XLWorkbook(await staff.Content.ReadAsStreamAsync());
        var staff2018 = staffBook.Worksheet("2018").Column(1).CellsUsed().First(c => c.GetString() == "Total").Address.RowNumber;
        Assert.Equal(expected[2018].Values.Sum(v => v.Centimes), staffBook.Worksheet("2018").Cell(staff2018, 3).GetValue<long>() * 100);
        Assert.Contains($"href=\"/Publications/{id}/Versions/{number}/Excel\"", await anonymous.GetStringAsync($"/Publications/{id}"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ar", "الاستراتيجية الوطنية للهجرة واللجوء")]
    [InlineData("en", "National Strategy on Immigration and Asylum")]
    public async Task The_demo_editions_introduction_is_shown_in_arabic_and_english(string culture, string phrase)
    {
        var id = await factory.WithDbAsync(db => db.BilanEditions.Where(e => e.FirstYear == 2017 && e.LastYear == 2018).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync());
        using var anonymous = SecurityTestKit.AnonymousClient(factory);

        var page = await TextAsync(anonymous, $"/Publications/{id}?culture={culture}");

        Assert.Contains(phrase, page, StringComparison.Ordinal);
        Assert.Contains(BilanText.Normalize((culture == "ar" ? DemoEditionSeeder.IntroductionAr : DemoEditionSeeder.IntroductionEn).Split('\n')[1]), page, StringComparison.Ordinal);
        Assert.DoesNotContain("Ce partenariat vise", page, StringComparison.Ordinal);
    }

    /// <summary>Per year and domain (its French name), the projects and amount that count, by the rule docs/bilan.md writes down.</summary>
    private Task<Dictionary<int, Dictionary<string, (long Projects, long Centimes)>>> CountedByDomainAsync() => factory.WithDbAsync(async db =>
    {
        Data.Entities.ConventionStatus[] counted = [Data.Entities.ConventionStatus.Signed, Data.Entities.ConventionStatus.InProgress, Data.Entities.ConventionStatus.Completed, Data.Entities.ConventionStatus.Terminated];
        var rows = await db.Projects.Where(p => (p.BudgetYear == 2017 || p.BudgetYear == 2018) && p.Status != Data.Entities.ProjectStatus.Cancelled && counted.Contains(p.Convention!.Status))
            .GroupBy(p => new { p.BudgetYear, p.Domain!.NameFr })
            .Select(g => new { g.Key.BudgetYear, g.Key.NameFr, Projects = g.LongCount(), Centimes = g.Sum(p => p.AmountCentimes) }).ToListAsync();
        return rows.GroupBy(r => r.BudgetYear).ToDictionary(g => g.Key, g => g.ToDictionary(r => r.NameFr, r => (r.Projects, r.Centimes)));
    });

    [Theory]
    [InlineData("2018", "2017", "Une introduction.", "La dernière année ne peut précéder la première.")]
    [InlineData("1990", "2018", "Une introduction.", "Les années d'une édition vont de")]
    [InlineData("2017", "2018", "", "Écrivez l'introduction en français.")]
    [InlineData("2017", "", "Une introduction.", "Indiquez la dernière année de l'édition.")]
    public async Task A_wrong_form_is_refused_with_a_French_message_and_nothing_is_saved(string first, string last, string introduction, string message)
    {
        using var manager = await factory.SignedInClientAsync(Manager);
        var count = await factory.WithDbAsync(db => db.BilanEditions.CountAsync());

        using var response = await manager.PostFormAsync("/Bilan/Editions/Create", "/Bilan/Editions/Create",
        [
            new("Form.FirstYear", first), new("Form.LastYear", last), new("Form.IntroductionFr", introduction),
        ]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(count, await factory.WithDbAsync(db => db.BilanEditions.CountAsync()));
    }

    private static List<KeyValuePair<string, string>> Fields(int first, int last, string introduction, Guid version) =>
    [
        new("Form.FirstYear", first.ToString(CultureInfo.InvariantCulture)),
        new("Form.LastYear", last.ToString(CultureInfo.InvariantCulture)),
        new("Form.IntroductionFr", introduction),
        new("Form.Version", version.ToString()),
    ];

    private static async Task<int> CreateAsync(HttpClient manager, int first, int last, string introduction)
    {
        using var response = await manager.PostFormAsync("/Bilan/Editions/Create", "/Bilan/Editions/Create", Fields(first, last, introduction, Guid.Empty));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(EditionAddress().Match(response.Headers.Location!.OriginalString).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static async Task<int> PublishAsync(HttpClient manager, int id)
    {
        using var response = await manager.PostFormAsync($"/Bilan/Editions/{id}", $"/Bilan/Editions/{id}/Publish", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(VersionAddress().Match(response.Headers.Location!.OriginalString).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private async Task<Guid> VersionTokenAsync(HttpClient manager, int id) =>
        await factory.WithDbAsync(db => db.BilanEditions.Where(e => e.Id == id).Select(e => e.Version).SingleAsync());

    private async Task<JsonElement> FiguresAsync(int id, int number)
    {
        using var anonymous = SecurityTestKit.AnonymousClient(factory);
        using var json = JsonDocument.Parse(await anonymous.GetStringAsync($"/Publications/{id}/Versions/{number}/Json"));
        return json.RootElement.Clone();
    }

    private Task<long> LiveTotalCentimesAsync(int year) =>
        factory.WithDbAsync(db => db.Projects.CountedIn(year).SumAsync(p => p.AmountCentimes));

    /// <summary>Raises the amount of one counted 2018 project, through the portal's own context (so its cache hears of it).</summary>
    private Task ChangeA2018ProjectAmountAsync(long centimes) => factory.WithDbAsync(async db =>
    {
        var project = await db.Projects.CountedIn(2018).OrderBy(p => p.Id).FirstAsync();
        project.AmountCentimes += centimes;
        await db.SaveChangesAsync();
    });

    /// <summary>One CSV line's fields, quotes undone (the domains' names hold commas).</summary>
    private static string[] CsvFields(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }

    private static async Task<string> TextAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}.");
        return BilanText.Normalize(WebUtility.HtmlDecode(TagPattern().Replace(await response.Content.ReadAsStringAsync(), " ")));
    }

    [GeneratedRegex(@"/Bilan/Editions/(\d+)$")]
    private static partial Regex EditionAddress();

    [GeneratedRegex(@"/Versions/(\d+)$")]
    private static partial Regex VersionAddress();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();
}
