using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartnershipPortal.BrowserTests.Infrastructure;
using UglyToad.PdfPig;

namespace PartnershipPortal.BrowserTests.Journeys;

/// <summary>
/// A manager writes the introduction of a 2017–2018 edition, previews it with its four charts and publishes it; an
/// anonymous visitor finds it on /Publications and downloads its PDF.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class EditionJourneyTests(PortalServer server)
{
    [BrowserFact]
    public async Task A_manager_publishes_an_edition_and_an_anonymous_visitor_downloads_its_PDF()
    {
        var introduction = $"Introduction de l'édition du parcours {Guid.NewGuid():N}.";
        var manager = await server.SignedInPageAsync("manager@portail.test");

        await manager.GotoAsync("/Bilan/Editions");
        await manager.GetByRole(AriaRole.Link, new() { Name = "Nouvelle édition", Exact = true }).ClickAsync();
        await manager.GetByLabel("Première année").FillAsync("2017");
        await manager.GetByLabel("Dernière année").FillAsync("2018");
        await manager.GetByLabel("Introduction (français)").FillAsync(introduction);
        await manager.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();

        // The preview: the introduction, then the two years numbered on, each with its two charts drawn.
        await Assertions.Expect(manager.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Aperçu de l'édition 2017–2018");
        await Assertions.Expect(manager.Locator(".edition-introduction")).ToHaveTextAsync(introduction);
        await Assertions.Expect(manager.GetByRole(AriaRole.Heading, new() { Name = "Tableau N° 02 : Bilan du partenariat pour l'année 2018" })).ToBeVisibleAsync();
        var painted = await Charts.WaitForChartsAsync(manager);
        Assert.Equal(["chart-2017-projects", "chart-2017-amounts", "chart-2018-projects", "chart-2018-amounts"], painted.Keys);
        await Accessibility.AssertNoSeriousViolationsAsync(manager);

        await manager.GetByRole(AriaRole.Button, new() { Name = "Publier", Exact = true }).ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Édition 2017–2018, version 1");
        var editionPath = new Regex(@"/Bilan/Editions/(\d+)/Versions/1$").Match(new Uri(manager.Url).AbsolutePath);
        Assert.True(editionPath.Success, manager.Url);
        var id = editionPath.Groups[1].Value;
        await manager.Context.CloseAsync();

        var visitor = await server.NewPageAsync(width: 390, height: 844);
        await visitor.GotoAsync("/Publications");
        await visitor.Locator($"a[href='/Publications/{id}']").ClickAsync();
        await Assertions.Expect(visitor.Locator(".edition-introduction")).ToHaveTextAsync(introduction);
        await Assertions.Expect(visitor.GetByText("manager@portail.test")).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(visitor);

        var download = await visitor.RunAndWaitForDownloadAsync(() => visitor.GetByRole(AriaRole.Link, new() { Name = "Télécharger le PDF" }).ClickAsync());
        Assert.Equal("bilan-2017-2018-v1.pdf", download.SuggestedFilename);
        using (var document = PdfDocument.Open(await download.PathAsync()))
        {
            var text = BilanText.Normalize(string.Join("\n", document.GetPages().Select(p => p.Text)));
            BilanText.AssertInOrder(text, [introduction, "Tableau N° 01 : Bilan du partenariat pour l'année 2017", "Graphique N°2", "Tableau N° 02 : Bilan du partenariat pour l'année 2018", "Graphique N°4"]);
        }

        // The page comes from the server's cache: its language picker goes by GET and the page follows the choice.
        // On a phone the picker is in the collapsed menu.
        await visitor.Locator(".navbar-toggler").ClickAsync();
        // Bootstrap marks the menu "show" once it has finished opening; a click while it slides open was lost (see docs/testing.md).
        await Assertions.Expect(visitor.Locator("#menu")).ToHaveClassAsync(new Regex(@"\bshow\b"));
        await visitor.GetByRole(AriaRole.Button, new() { Name = "English", Exact = true }).ClickAsync();
        await Assertions.Expect(visitor.Locator("html")).ToHaveAttributeAsync("lang", "en");
        var workbook = await visitor.RunAndWaitForDownloadAsync(() => visitor.GetByRole(AriaRole.Link, new() { Name = "Download the Excel file" }).ClickAsync());
        Assert.Equal("bilan-2017-2018-v1.xlsx", workbook.SuggestedFilename);

        await visitor.Context.CloseAsync();
    }
}
