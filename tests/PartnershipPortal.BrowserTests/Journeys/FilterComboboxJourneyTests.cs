using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PartnershipPortal.BrowserTests.Infrastructure;

namespace PartnershipPortal.BrowserTests.Journeys;

/// <summary>The project list's association filter is chosen by typing, with the keyboard alone, as a screen reader user would.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FilterComboboxJourneyTests(PortalServer server)
{
    [BrowserFact]
    public async Task A_staff_member_picks_an_association_by_typing_and_the_list_keeps_its_projects()
    {
        var association = await server.WithDbAsync(db => db.Associations.AsNoTracking()
            .Where(a => a.Conventions.Any(c => c.Projects.Count > 0))
            .OrderBy(a => a.Id)
            .Select(a => new { a.Id, a.Name, a.City, Projects = a.Conventions.SelectMany(c => c.Projects).Count() })
            .FirstAsync());
        // The association's most distinctive word: its longest one, typed in capitals and without accents.
        var word = association.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).OrderByDescending(w => w.Length).First();
        var typed = new string([.. word.Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)]).ToUpperInvariant();
        var page = await server.SignedInPageAsync("manager@portail.test");
        await page.GotoAsync("/Projects");

        var box = page.GetByRole(AriaRole.Combobox, new() { Name = "Association" });
        await box.FocusAsync();
        await box.PressSequentiallyAsync(typed);
        var listbox = page.GetByRole(AriaRole.Listbox, new() { Name = "Association" });
        await Assertions.Expect(listbox).ToBeVisibleAsync();
        await Assertions.Expect(box).ToHaveAttributeAsync("aria-expanded", "true");
        var option = listbox.GetByRole(AriaRole.Option, new() { Name = $"{association.Name} ({association.City})", Exact = true });
        await Assertions.Expect(option).ToBeVisibleAsync();

        // Down arrow until the association is the active option, then Enter: the list closes with it chosen.
        var options = await listbox.GetByRole(AriaRole.Option).AllInnerTextsAsync();
        for (var i = 0; i <= options.ToList().IndexOf($"{association.Name} ({association.City})"); i++)
        {
            await box.PressAsync("ArrowDown");
        }

        await Assertions.Expect(option).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(box).ToHaveAttributeAsync("aria-activedescendant", (await option.GetAttributeAsync("id"))!);
        await box.PressAsync("Enter");
        await Assertions.Expect(listbox).ToBeHiddenAsync();
        await Assertions.Expect(box).ToHaveValueAsync($"{association.Name} ({association.City})");

        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/Projects\\?.*associationId={association.Id}(&|$)"));
        await Assertions.Expect(page.Locator(".list-count").First).ToContainTextAsync($"{association.Projects} résultat(s)");
        // The chosen association stays in the box on the filtered page, and Escape closes a list opened again.
        await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Association" })).ToHaveValueAsync($"{association.Name} ({association.City})");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.Context.CloseAsync();
    }
}
