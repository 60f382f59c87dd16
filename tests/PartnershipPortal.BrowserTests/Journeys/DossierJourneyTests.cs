using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnershipPortal.BrowserTests.Infrastructure;
using PartnershipPortal.Web.Features.Dossier;
using UglyToad.PdfPig;

namespace PartnershipPortal.BrowserTests.Journeys;

/// <summary>The association puts a PDF in its legal dossier from its space; a staff member finds it on the association's page and opens it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DossierJourneyTests(PortalServer server)
{
    private const string Account = "association@portail.test";

    // An Arabic name: what the browser sends in the form and what it is given back in Content-Disposition must both carry it.
    private const string FileName = "لائحة المكتب 2026.pdf";

    [BrowserFact]
    public async Task The_association_uploads_a_pdf_and_an_agent_sees_the_dossier_and_opens_the_file()
    {
        var association = await server.WithDbAsync(db => db.Users.AsNoTracking().Where(u => u.Email == Account)
            .Select(u => new { Id = u.AssociationId!.Value, u.Association!.Name }).SingleAsync());
        var pdf = DemoDossierSeeder.MinimalPdf("Liste du bureau 2026");
        var validUntil = DateOnly.FromDateTime(server.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime).AddYears(2);

        // The association, from its space.
        var page = await server.SignedInPageAsync(Account);
        await page.GetByRole(AriaRole.Link, new() { Name = "Mon dossier" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Dossier juridique");
        var bureau = page.Locator("section.dossier-kind").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Liste des membres du bureau" }) });
        await bureau.GetByLabel("Valable jusqu'au").FillAsync(validUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await bureau.GetByLabel("Nouvelle version").SetInputFilesAsync(new FilePayload { Name = FileName, MimeType = "application/pdf", Buffer = pdf });
        await bureau.GetByRole(AriaRole.Button, new() { Name = "Remplacer" }).ClickAsync();

        await Assertions.Expect(page.Locator(".alert-success")).ToHaveTextAsync("Le document a été déposé.");
        await Assertions.Expect(bureau.GetByRole(AriaRole.Link, new() { Name = FileName })).ToBeVisibleAsync();
        await Assertions.Expect(bureau).ToContainTextAsync(validUntil.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await page.Context.CloseAsync();

        // An agent, from the association list.
        var staff = await server.SignedInPageAsync("agent@portail.test");
        await staff.GotoAsync("/Associations?q=" + Uri.EscapeDataString(association.Name));
        await staff.GetByRole(AriaRole.Link, new() { Name = association.Name, Exact = true }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(association.Name);
        // The demo dossier's bank certificate is out of date: the dossier says so as a whole and on that line.
        await Assertions.Expect(staff.Locator("#dossier-state")).ToHaveTextAsync("Document expiré");
        var line = staff.Locator("#dossier-documents tr").Filter(new() { HasText = "Liste des membres du bureau" });
        await Assertions.Expect(line).ToContainTextAsync("Complet");
        await Assertions.Expect(line).ToContainTextAsync(validUntil.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await Assertions.Expect(staff.Locator("#dossier-documents tr.previous-version").Filter(new() { HasText = "bureau.pdf" })).ToHaveCountAsync(1);

        var download = await staff.RunAndWaitForDownloadAsync(() => line.GetByRole(AriaRole.Link, new() { Name = FileName }).ClickAsync());
        Assert.Equal(FileName, download.SuggestedFilename);
        var saved = await download.PathAsync();
        Assert.Equal(pdf, await File.ReadAllBytesAsync(saved));
        using (var document = PdfDocument.Open(saved))
        {
            Assert.Contains("Liste du bureau 2026", document.GetPage(1).Text, StringComparison.Ordinal);
        }

        // The same address, read as the browser receives it: never shown as a page of the portal.
        var href = await line.GetByRole(AriaRole.Link, new() { Name = FileName }).GetAttributeAsync("href");
        var response = await staff.Context.APIRequest.GetAsync(href!);
        Assert.Equal(200, response.Status);
        Assert.Equal(pdf, await response.BodyAsync());
        Assert.Equal("application/pdf", response.Headers["content-type"]);
        Assert.StartsWith("attachment;", response.Headers["content-disposition"], StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers["x-content-type-options"]);
        Assert.Contains("sandbox", response.Headers["content-security-policy"].Split(';').Select(p => p.Trim()));
        await staff.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task The_dossier_on_the_association_s_page_reads_right_to_left_and_fits_a_phone()
    {
        var associationId = await server.WithDbAsync(db => db.Users.AsNoTracking().Where(u => u.Email == Account).Select(u => u.AssociationId!.Value).SingleAsync());
        var page = await server.SignedInPageAsync("agent@portail.test");
        foreach (var width in new[] { 1280, 390 })
        {
            await page.SetViewportSizeAsync(width, 900);
            var response = await page.GotoAsync($"/Associations/Details/{associationId}?culture=ar");
            Assert.True(response?.Ok, $"answered {response?.Status}");

            Assert.Equal("rtl", await page.GetAttributeAsync("html", "dir"));
            // The document kinds and states in Arabic: nothing of the French labels left in the dossier table.
            await Assertions.Expect(page.Locator("#dossier-documents")).ToContainTextAsync("شهادة بنكية (RIB)");
            await Assertions.Expect(page.Locator("#dossier-documents")).Not.ToContainTextAsync("Document expiré");
            var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 1, $"at {width} px the page scrolls sideways by {overflow} px");
            await Accessibility.AssertNoSeriousViolationsAsync(page);
            await PortalServer.ScreenshotAsync(page, "ar-association-dossier");
        }

        await page.Context.CloseAsync();
    }
}
