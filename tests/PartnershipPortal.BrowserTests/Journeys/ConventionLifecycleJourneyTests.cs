using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PartnershipPortal.BrowserTests.Infrastructure;

namespace PartnershipPortal.BrowserTests.Journeys;

/// <summary>
/// An agent drafts a convention, signs it, amends it and terminates it; the association sees it appear only at
/// signature, then the amendment and the termination.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ConventionLifecycleJourneyTests(PortalServer server)
{
    private const int Year = 2038;
    private const string AssociationAccount = "association@portail.test";

    [BrowserFact]
    public async Task A_convention_is_drafted_signed_amended_and_terminated_and_the_association_follows_from_signature()
    {
        var unique = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var (associationOption, education) = await server.WithDbAsync(async db =>
        {
            var associationId = await db.Users.AsNoTracking().Where(u => u.Email == AssociationAccount).Select(u => u.AssociationId!.Value).SingleAsync();
            return (await db.Associations.AsNoTracking().Where(a => a.Id == associationId).Select(a => a.Name + " (" + a.City + ")").SingleAsync(),
                await db.Domains.AsNoTracking().Where(d => d.Code == "EDU").Select(d => d.NameFr).SingleAsync());
        });
        var agent = await server.SignedInPageAsync("agent@portail.test");
        var association = await server.SignedInPageAsync(AssociationAccount);

        // The draft, with one project.
        await agent.GotoAsync("/Conventions/Create");
        await agent.GetByLabel("Association", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = associationOption });
        await agent.GetByLabel("Année budgétaire").FillAsync($"{Year}");
        await agent.GetByLabel("Notes internes").FillAsync($"Montant encore discuté {unique}");
        var line = agent.Locator("[data-line]").Nth(0);
        await line.GetByLabel("Intitulé du projet").FillAsync($"Alphabétisation {unique}");
        await line.GetByLabel("Domaine").SelectOptionAsync(new SelectOptionValue { Label = education });
        await line.GetByLabel("Montant (DH)").FillAsync("60 000");
        await line.GetByLabel("Ville").FillAsync("Tanger");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Assertions.Expect(agent).ToHaveURLAsync(new Regex(@"/Conventions/Details/\d+$"));
        var reference = ReferencePattern().Match(await agent.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).Value;
        await Assertions.Expect(agent.Locator(".badge").First).ToHaveTextAsync("Brouillon");

        // Not signed: the association does not see it.
        await association.GotoAsync("/MonEspace");
        await Assertions.Expect(association.GetByText(reference)).ToHaveCountAsync(0);

        // Signing: the button, then its confirmation page.
        await agent.GetByRole(AriaRole.Link, new() { Name = "Signer", Exact = true }).ClickAsync();
        await Assertions.Expect(agent.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Signer la convention {reference} ?");
        await agent.GetByLabel("Date de signature").FillAsync($"{Year}-02-10");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Confirmer : Signer" }).ClickAsync();
        await Assertions.Expect(agent).ToHaveURLAsync(new Regex(@"/Conventions/Details/\d+$"));
        await Assertions.Expect(agent.GetByRole(AriaRole.Status)).ToContainTextAsync($"La convention {reference} est maintenant « Signée ».");
        await Assertions.Expect(agent.GetByRole(AriaRole.Link, new() { Name = "Modifier la convention et ses projets" })).ToHaveCountAsync(0);

        await association.GotoAsync("/MonEspace");
        await association.GetByRole(AriaRole.Link, new() { Name = reference }).ClickAsync();
        await Assertions.Expect(association.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Convention {reference}");
        await Assertions.Expect(association.Locator("main")).ToContainTextAsync($"Alphabétisation {unique}");
        await Assertions.Expect(association.GetByText($"Montant encore discuté {unique}")).ToHaveCountAsync(0);

        // The amendment: the project's amount goes up, a second project is added.
        await agent.GetByRole(AriaRole.Link, new() { Name = "Établir un avenant" }).ClickAsync();
        await Assertions.Expect(agent.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Avenant {reference}/AV1");
        await agent.GetByLabel("Date de l'avenant").FillAsync($"{Year}-05-20");
        await agent.GetByLabel("Motif de l'avenant").FillAsync("Deuxième groupe d'apprenants");
        var lines = agent.Locator("[data-line]");
        await lines.Nth(0).GetByLabel("Montant (DH)").FillAsync("75 000");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Ajouter un projet" }).ClickAsync();
        await Assertions.Expect(lines).ToHaveCountAsync(2);
        await lines.Nth(1).GetByLabel("Intitulé du projet").FillAsync($"Cours du soir {unique}");
        await lines.Nth(1).GetByLabel("Domaine").SelectOptionAsync(new SelectOptionValue { Label = education });
        await lines.Nth(1).GetByLabel("Montant (DH)").FillAsync("10 000");
        await lines.Nth(1).GetByLabel("Ville").FillAsync("Tétouan");
        await Assertions.Expect(agent.Locator("#convention-total")).ToHaveTextAsync("85\u00A0000\u00A0DH");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'avenant" }).ClickAsync();
        await Assertions.Expect(agent).ToHaveURLAsync(new Regex(@"/Conventions/Details/\d+$"));
        await Assertions.Expect(agent.GetByRole(AriaRole.Status)).ToContainTextAsync("L'avenant a été enregistré.");
        await Assertions.Expect(agent.Locator("#total")).ToHaveTextAsync("85\u00A0000\u00A0DH");
        await Assertions.Expect(agent.Locator("#amendment-history")).ToContainTextAsync("60\u00A0000\u00A0DH avant, 85\u00A0000\u00A0DH après");

        await association.ReloadAsync();
        await Assertions.Expect(association.Locator("#amendment-history")).ToContainTextAsync($"Avenant {reference}/AV1 du 20/05/{Year}");
        await Assertions.Expect(association.Locator("#amendment-history")).ToContainTextAsync($"Projet ajouté : Cours du soir {unique}");

        // The termination, with its date and reason.
        await agent.GetByRole(AriaRole.Link, new() { Name = "Résilier", Exact = true }).ClickAsync();
        await agent.GetByLabel("Date de résiliation").FillAsync($"{Year}-10-01");
        await agent.GetByLabel("Motif").FillAsync("Local fermé par la commune");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Confirmer : Résilier" }).ClickAsync();
        await Assertions.Expect(agent).ToHaveURLAsync(new Regex(@"/Conventions/Details/\d+$"));
        await Assertions.Expect(agent.Locator(".badge").First).ToHaveTextAsync("Résiliée");
        await Assertions.Expect(agent.Locator("#convention-actions a[data-transition]")).ToHaveCountAsync(0);

        await association.ReloadAsync();
        await Assertions.Expect(association.Locator("main")).ToContainTextAsync("Résiliée");
        await Assertions.Expect(association.Locator("main")).ToContainTextAsync("Local fermé par la commune");
        await agent.Context.CloseAsync();
        await association.Context.CloseAsync();
    }

    [GeneratedRegex(@"CONV-\d{4}-\d{3}")]
    private static partial Regex ReferencePattern();
}
