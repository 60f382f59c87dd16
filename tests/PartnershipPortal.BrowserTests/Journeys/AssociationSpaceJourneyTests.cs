using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PartnershipPortal.BrowserTests.Infrastructure;

namespace PartnershipPortal.BrowserTests.Journeys;

/// <summary>The association's account sees its own conventions and projects, and nothing of another association's.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AssociationSpaceJourneyTests(PortalServer server)
{
    private const string Account = "association@portail.test";

    [BrowserFact]
    public async Task The_association_sees_its_conventions_and_projects_and_another_association_s_convention_is_not_found()
    {
        var facts = await server.WithDbAsync(async db =>
        {
            var associationId = await db.Users.AsNoTracking().Where(u => u.Email == Account).Select(u => u.AssociationId!.Value).SingleAsync();
            return new
            {
                Name = await db.Associations.AsNoTracking().Where(a => a.Id == associationId).Select(a => a.Name).SingleAsync(),
                Own = await db.Conventions.AsNoTracking().Where(c => c.AssociationId == associationId)
                    .OrderBy(c => c.Reference).Select(c => new { c.Id, c.Reference, Projects = c.Projects.Select(p => p.Title).ToList() }).ToListAsync(),
                Other = await db.Conventions.AsNoTracking().Where(c => c.AssociationId != associationId)
                    .OrderBy(c => c.Id).Select(c => new { c.Id, c.Reference }).FirstAsync(),
            };
        });
        Assert.NotEmpty(facts.Own);

        var page = await server.SignedInPageAsync(Account);

        // Signing in lands on the association's space, with its conventions.
        Assert.EndsWith("/MonEspace", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(facts.Name);
        foreach (var convention in facts.Own)
        {
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = convention.Reference })).ToBeVisibleAsync();
        }

        await Assertions.Expect(page.GetByText(facts.Other.Reference)).ToHaveCountAsync(0);

        // A convention of its own, with its projects.
        var first = facts.Own[0];
        await page.GetByRole(AriaRole.Link, new() { Name = first.Reference }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Convention {first.Reference}");
        foreach (var title in first.Projects)
        {
            await Assertions.Expect(page.Locator("table tbody")).ToContainTextAsync(title);
        }

        // Another association's convention, by a typed link: the same not-found page as a missing one.
        var response = await page.GotoAsync($"/MonEspace/Conventions/{facts.Other.Id}");
        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page introuvable");
        await Assertions.Expect(page.GetByText("La page ou l'enregistrement demandé n'existe pas.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText(facts.Other.Reference)).ToHaveCountAsync(0);

        // The staff screens are closed to it as well.
        var staffScreen = await page.GotoAsync($"/Conventions/Details/{facts.Other.Id}");
        Assert.Equal(403, staffScreen!.Status);
        await Assertions.Expect(page.GetByText(facts.Other.Reference)).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
