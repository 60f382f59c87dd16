using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartnershipPortal.Tests.Infrastructure;
using PartnershipPortal.Tests.Records;
using PartnershipPortal.Tests.Security;

namespace PartnershipPortal.Tests.Editions;

/// <summary>The edition's form once saved, the list of editions and an edition's versions.</summary>
public sealed partial class EditionTests
{
    [Fact]
    public async Task Editing_shows_the_saved_edition_then_saves_the_texts_trimmed_and_a_blank_translation_as_none()
    {
        using var manager = await factory.SignedInClientAsync(Manager);
        var id = await CreateAsync(manager, 2017, 2018, "Introduction à reprendre.");
        await CreateAsync(manager, 2017, 2018, "Une autre édition des mêmes années.");

        var form = await manager.GetStringAsync($"/Bilan/Editions/{id}/Edit");
        Assert.Equal("2017", RecordPages.InputValue(form, "Form.FirstYear"));
        Assert.Equal("2018", RecordPages.InputValue(form, "Form.LastYear"));
        Assert.Equal("Introduction à reprendre.", RecordPages.TextArea(form, "Form.IntroductionFr"));
        Assert.Equal((await VersionTokenAsync(manager, id)).ToString(), RecordPages.InputValue(form, "Form.Version"));

        using var saved = await manager.PostFormAsync($"/Bilan/Editions/{id}/Edit", $"/Bilan/Editions/{id}/Edit",
        [
            new("Form.FirstYear", "2017"), new("Form.LastYear", "2018"), new("Form.IntroductionFr", "  Introduction reprise.  "),
            new("Form.IntroductionAr", "  مقدمة الطبعة  "), new("Form.IntroductionEn", "   "),
            new("Form.Version", (await VersionTokenAsync(manager, id)).ToString()),
        ]);
        Assert.Equal($"/Bilan/Editions/{id}", saved.Headers.Location?.OriginalString);
        Assert.Contains("Les modifications ont été enregistrées.", await TextAsync(manager, $"/Bilan/Editions/{id}"), StringComparison.Ordinal);
        Assert.Equal("مقدمة الطبعة", RecordPages.TextArea(await manager.GetStringAsync($"/Bilan/Editions/{id}/Edit"), "Form.IntroductionAr"));

        // Published: the open data gives each language's text, and no English one; the English page shows the French.
        var figures = await FiguresAsync(id, await PublishAsync(manager, id));
        var introduction = figures.GetProperty("introduction");
        Assert.Equal("Introduction reprise.", introduction.GetProperty("fr").GetString());
        Assert.Equal("مقدمة الطبعة", introduction.GetProperty("ar").GetString());
        Assert.Equal(JsonValueKind.Null, introduction.GetProperty("en").ValueKind);
        using var anonymous = SecurityTestKit.AnonymousClient(factory);
        Assert.Contains("Introduction reprise.", await TextAsync(anonymous, $"/Publications/{id}?culture=en"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_read_before_another_manager_saved_is_refused_and_the_edition_keeps_what_the_other_saved()
    {
        using var manager = await factory.SignedInClientAsync(Manager);
        var id = await CreateAsync(manager, 2018, 2018, "Texte d'origine.");
        var readByBoth = await VersionTokenAsync(manager, id);

        using var first = await manager.PostFormAsync($"/Bilan/Editions/{id}/Edit", $"/Bilan/Editions/{id}/Edit", Fields(2018, 2018, "Texte du premier.", readByBoth));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        using var second = await manager.PostFormAsync($"/Bilan/Editions/{id}/Edit", $"/Bilan/Editions/{id}/Edit", Fields(2018, 2018, "Texte du second.", readByBoth));

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("L'édition a été modifiée entre-temps par quelqu'un d'autre ; rechargez la page avant de l'enregistrer.",
            RecordPages.ErrorSummary(await second.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal("Texte du premier.", await factory.WithDbAsync(db => db.BilanEditions.Where(e => e.Id == id).Select(e => e.IntroductionFr).SingleAsync()));
    }

    [Fact]
    public async Task An_edition_that_does_not_exist_is_not_found_to_edit_preview_or_publish_and_nothing_is_written()
    {
        using var manager = await factory.SignedInClientAsync(Manager);
        var missing = await factory.WithDbAsync(db => db.BilanEditions.MaxAsync(e => e.Id)) + 1000;
        var versions = await factory.WithDbAsync(db => db.BilanEditionVersions.CountAsync());

        foreach (var response in new[]
        {
            await manager.GetAsync($"/Bilan/Editions/{missing}/Edit"),
            await manager.PostFormAsync("/Bilan/Editions", $"/Bilan/Editions/{missing}/Edit", Fields(2018, 2018, "Texte.", Guid.Empty)),
            await manager.GetAsync($"/Bilan/Editions/{missing}"),
            await manager.PostFormAsync("/Bilan/Editions", $"/Bilan/Editions/{missing}/Publish", []),
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("Page introuvable", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(versions, await factory.WithDbAsync(db => db.BilanEditionVersions.CountAsync()));
    }

    [Fact]
    public async Task The_list_puts_the_latest_years_first_the_newest_edition_first_for_the_same_years_with_each_ones_latest_version()
    {
        using var manager = await factory.SignedInClientAsync(Manager);
        // Years no other test of the class uses; the bilan of a year without conventions is published empty.
        var older = await CreateAsync(manager, 2090, 2090, "Première édition de 2090.");
        var newer = await CreateAsync(manager, 2090, 2090, "Seconde édition de 2090.");
        var earlier = await CreateAsync(manager, 2089, 2089, "Édition de 2089.");
        await PublishAsync(manager, older);
        await PublishAsync(manager, older);
        await PublishAsync(manager, newer);
        // Published on two days: the list dates the latest version, not the first.
        await factory.WithDbAsync(async db =>
        {
            foreach (var (number, at) in new[] { (1, new DateTime(2001, 1, 15, 12, 0, 0, DateTimeKind.Utc)), (2, new DateTime(2002, 2, 20, 12, 0, 0, DateTimeKind.Utc)) })
            {
                await db.BilanEditionVersions.Where(v => v.EditionId == older && v.Number == number).ExecuteUpdateAsync(x => x.SetProperty(v => v.PublishedAtUtc, at));
            }
        });

        var list = await manager.GetStringAsync("/Bilan/Editions");
        int[] ours = [older, newer, earlier];
        Assert.Equal([newer, older, earlier], EditionLink().Matches(list).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Where(ours.Contains));
        Assert.Equal("2090 Version 2 du 20/02/2002", Row(list, older));
        Assert.Matches(@"^2090 Version 1 du \d\d/\d\d/\d{4}$", Row(list, newer));
        Assert.Equal("2089 Non publiée", Row(list, earlier));

        // An edition's page lists its own versions, the latest first.
        var page = await manager.GetStringAsync($"/Bilan/Editions/{older}");
        Assert.Equal([2, 1], VersionLink().Matches(page).Where(m => m.Groups[1].Value == older.ToString(CultureInfo.InvariantCulture))
            .Select(m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)).Distinct());
        Assert.DoesNotContain($"/Bilan/Editions/{newer}/Versions/", page, StringComparison.Ordinal);
        Assert.Equal(["Version 2 du 20/02/2002", "Version 1 du 15/01/2001"], PublishedVersions(page));
    }

    /// <summary>The entries of the page's "Versions publiées" list, in the page's order.</summary>
    private static List<string> PublishedVersions(string html) =>
        [.. VersionEntry().Matches(Regex.Match(html, "<nav aria-label=\"Versions publiées\".*?</nav>", RegexOptions.Singleline).Value).Select(m => m.Value)];

    [GeneratedRegex(@"Version \d+ du \d\d/\d\d/\d{4}")]
    private static partial Regex VersionEntry();

    /// <summary>The text of the list's row that links the edition, spaces collapsed.</summary>
    private static string Row(string html, int id)
    {
        var row = TableRow().Matches(html).Select(m => m.Value).Single(r => r.Contains($"href=\"/Bilan/Editions/{id}\"", StringComparison.Ordinal));
        return Spaces().Replace(RecordPages.Text(row), " ").Trim();
    }

    [GeneratedRegex("href=\"/Bilan/Editions/(\\d+)\"")]
    private static partial Regex EditionLink();

    [GeneratedRegex("href=\"/Bilan/Editions/(\\d+)/Versions/(\\d+)\"")]
    private static partial Regex VersionLink();

    [GeneratedRegex("<tr>.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
